//! Load on the sandbox over loopback, with figures for `bench/RESULTS.md`:
//!
//! 1. **mix**: keep-alive connections each creating an order, then querying
//!    it three times; every request signed and every answer verified by the core;
//! 2. **blocking**: thousands of long-poll queries held at once, with the
//!    sandbox's memory, then all released by paying their orders;
//! 3. **slow merchant**: the mix again while notifications to a merchant that
//!    takes seconds to answer are in flight.
//!
//! `cargo run --release -p latipay-loadgen -- [--quick]` (`make bench` runs it).

mod latency;
mod merchant;
mod ops;
mod sandbox;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use latency::{ms, Latencies, Summary};
use merchant::Merchant;
use ops::{Failure, Shop};
use sandbox::SandboxProcess;
use tokio::task::JoinSet;

/// How hard to push.
struct Plan {
    seconds: u64,
    connections: usize,
    blocking: usize,
    slow_notifications: usize,
    merchant_delay: Duration,
}

impl Plan {
    fn from_args() -> Plan {
        if std::env::args().any(|a| a == "--quick") {
            return Plan {
                seconds: 2,
                connections: 8,
                blocking: 500,
                slow_notifications: 100,
                merchant_delay: Duration::from_secs(15),
            };
        }
        Plan {
            seconds: 10,
            connections: 16,
            blocking: 10_000,
            slow_notifications: 2_000,
            merchant_delay: Duration::from_secs(40),
        }
    }
}

/// Where the release sandbox binary is, beside this one.
fn sandbox_binary() -> PathBuf {
    let me = std::env::current_exe().expect("the running binary has a path");
    me.with_file_name("latipay-sandbox")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Failure> {
    let plan = Plan::from_args();
    let binary = sandbox_binary();
    let sandbox = SandboxProcess::start(&binary).await.map_err(|e| {
        format!(
            "starting {}: {e} (build it: cargo build --release -p latipay-sandbox)",
            binary.display()
        )
    })?;
    let shop = Shop::new(&sandbox.base_url);
    println!(
        "sandbox {}: RSS {} KiB at start",
        sandbox.base_url,
        sandbox.rss_kib()
    );

    let mix = run_mix(&shop, &plan, "mix").await;
    println!(
        "mix: {} connections, 1 create : 3 queries, {} s: {mix}",
        plan.connections, plan.seconds
    );

    let prompt = Merchant::start(Duration::ZERO)
        .await
        .map_err(|e| e.to_string())?;
    held_queries(&shop, &sandbox, plan.blocking, &prompt.callback_url).await?;

    let merchant = Merchant::start(plan.merchant_delay)
        .await
        .map_err(|e| e.to_string())?;
    let callback = merchant.callback_url.clone();
    let references = (0..plan.slow_notifications).map(|i| format!("slow-{i}"));
    for_each(&shop, references, move |shop, reference| {
        let callback = callback.clone();
        async move {
            shop.create(&reference, &callback).await?;
            shop.pay(&reference).await
        }
    })
    .await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while merchant.received.load(Ordering::Relaxed) < plan.slow_notifications as u64
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let open_before = merchant.open.load(Ordering::Relaxed);
    let slowed = run_mix(&shop, &plan, "mix-slow").await;
    let open_after = merchant.open.load(Ordering::Relaxed);
    println!(
        "mix while notifications wait {} s each on a slow merchant ({open_before} open at the start, {open_after} at the end): {slowed}",
        plan.merchant_delay.as_secs()
    );
    println!("sandbox: RSS {} KiB at the end", sandbox.rss_kib());
    match mix.failures + slowed.failures {
        0 => Ok(()),
        failed => Err(format!("{failed} operations failed")),
    }
}

/// Where notifications of the mix's orders go: a closed port (they are never paid).
const UNUSED_CALLBACK: &str = "http://127.0.0.1:9/latipay";

/// `plan.connections` tasks, each creating an order then querying it three
/// times until `plan.seconds` have passed; every request timed on its own.
async fn run_mix(shop: &Shop, plan: &Plan, prefix: &str) -> Summary {
    let started = Instant::now();
    let until = started + Duration::from_secs(plan.seconds);
    let mut tasks = JoinSet::new();
    for task in 0..plan.connections {
        let shop = shop.clone();
        let prefix = format!("{prefix}-{task}");
        tasks.spawn(async move {
            let mut latencies = Latencies::default();
            let mut n = 0u64;
            while Instant::now() < until {
                n += 1;
                let reference = format!("{prefix}-{n}");
                let t = Instant::now();
                if shop.create(&reference, UNUSED_CALLBACK).await.is_err() {
                    latencies.failures += 1;
                    continue;
                }
                latencies.record(t.elapsed());
                for _ in 0..3 {
                    let t = Instant::now();
                    match shop.query(&reference, false).await {
                        Ok(_) => latencies.record(t.elapsed()),
                        Err(_) => latencies.failures += 1,
                    }
                }
            }
            latencies
        });
    }
    let mut all = Latencies::default();
    while let Some(done) = tasks.join_next().await {
        all.merge(done.expect("a mix task never panics"));
    }
    all.summary(started.elapsed())
}

/// Holds `count` long-poll queries at once, reports the sandbox's memory,
/// then pays every order (notifying `callback_url`) and times how fast each
/// held query answers.
async fn held_queries(
    shop: &Shop,
    sandbox: &SandboxProcess,
    count: usize,
    callback_url: &str,
) -> Result<(), Failure> {
    let references: Vec<String> = (0..count).map(|i| format!("held-{i}")).collect();
    let callback = callback_url.to_owned();
    for_each(shop, references.clone(), move |shop, reference| {
        let callback = callback.clone();
        async move { shop.create(&reference, &callback).await }
    })
    .await?;
    let (rss_before, files_before) = (sandbox.rss_kib(), sandbox.open_files());
    // A client of their own: each held query opens a connection of its own.
    let holder = Shop::new(&sandbox.base_url);
    let mut held = JoinSet::new();
    for reference in references.clone() {
        let shop = holder.clone();
        held.spawn(async move {
            let payment = shop.query(&reference, true).await?;
            match payment.status {
                latipay::Status::Paid => Ok((reference, Instant::now())),
                other => Err(format!("{reference} answered {other:?}")),
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while sandbox.open_files() < files_before + count && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Let the last requests reach their handler before measuring.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let connections = sandbox.open_files().saturating_sub(files_before);
    let rss_held = sandbox.rss_kib();
    println!(
        "blocking: {count} long-poll queries held on {connections} connections: sandbox RSS {rss_before} → {rss_held} KiB ({:.1} KiB per held query)",
        rss_held.saturating_sub(rss_before) as f64 / count as f64
    );
    let released = Instant::now();
    let paid_at = Arc::new(Mutex::new(HashMap::with_capacity(count)));
    let record = Arc::clone(&paid_at);
    for_each(shop, references, move |shop, reference| {
        let record = Arc::clone(&record);
        async move {
            let asked = Instant::now();
            shop.pay(&reference).await?;
            record
                .lock()
                .expect("never poisoned")
                .insert(reference, asked);
            Ok(())
        }
    })
    .await?;
    let paying = released.elapsed();
    let mut latencies = Latencies::default();
    while let Some(done) = held.join_next().await {
        match done.expect("a held query never panics") {
            Ok((reference, answered)) => {
                let asked = paid_at.lock().expect("never poisoned")[&reference];
                latencies.record(answered.saturating_duration_since(asked));
            }
            Err(_) => latencies.failures += 1,
        }
    }
    let summary = latencies.summary(released.elapsed());
    println!(
        "blocking: {count} orders paid in {:.0} ms; each held query answered paid {:.2} ms (p50), {:.2} ms (p99) after its payment was asked for; {} failed",
        ms(paying), ms(summary.p50), ms(summary.p99), summary.failures
    );
    match summary.failures {
        0 => Ok(()),
        failed => Err(format!("{failed} held queries failed")),
    }
}

/// Runs `operation` for every item, 64 at a time; the first failure wins.
async fn for_each<F, Fut>(
    shop: &Shop,
    items: impl IntoIterator<Item = String>,
    operation: F,
) -> Result<(), Failure>
where
    F: Fn(Shop, String) -> Fut,
    Fut: std::future::Future<Output = Result<(), Failure>> + Send + 'static,
{
    let mut running = JoinSet::new();
    for item in items {
        if running.len() >= 64 {
            running
                .join_next()
                .await
                .expect("tasks are running")
                .map_err(|e| e.to_string())??;
        }
        running.spawn(operation(shop.clone(), item));
    }
    while let Some(done) = running.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}
