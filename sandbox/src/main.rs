//! `latipay-sandbox`: run a local Latipay. The first line of stdout is the base
//! URL (so a test suite in any language can start it with `--port 0`); with
//! `--tls`, the second is the path of the certificate's PEM.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use latipay_sandbox::{Merchant, SelfSignedCertificate, Settings, DEMO_MERCHANT};

/// A local, stateful Latipay v2: API, hosted pay page, notifications with retries, long-poll query.
#[derive(Parser)]
#[command(version, after_help = format!(
    "With no --merchant, the demo merchant {DEMO_MERCHANT} is used.\n\
     The first line of stdout is the base URL; with --tls, the second is the certificate's PEM path."
))]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8450)]
    port: u16,
    /// A merchant as USER_ID:WALLET_ID:API_KEY[:CURRENCY] (repeatable; currency defaults to NZD).
    #[arg(long = "merchant", value_name = "SPEC")]
    merchants: Vec<String>,
    /// A file with one merchant SPEC per line ('#' starts a comment).
    #[arg(long, value_name = "PATH")]
    merchants_file: Option<PathBuf>,
    /// Pause between notification attempts, in milliseconds (Latipay: about 30 s).
    #[arg(long, default_value_t = 30_000)]
    notify_interval_ms: u64,
    /// How long one notification attempt waits for the merchant, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    notify_timeout_ms: u64,
    /// The longest a blocking query (is_block=1) is held, in seconds.
    #[arg(long, default_value_t = 180)]
    block_timeout_secs: u64,
    /// How long a payment nonce stays usable, in seconds.
    #[arg(long, default_value_t = 900)]
    nonce_ttl_secs: u64,
    /// How long a barcode payment whose pay_code ends in 9 stays pending, in milliseconds.
    #[arg(long, default_value_t = 3_000)]
    barcode_pending_ms: u64,
    /// Refuse request fields sent as JSON numbers or booleans (by default they are accepted, signed by
    /// their JSON text, and reported as warnings on stderr and at GET /_sandbox/warnings).
    #[arg(long)]
    strict: bool,
    /// Serve HTTPS with a self-signed certificate made at start, for localhost, 127.0.0.1, ::1 and --host.
    #[arg(long)]
    tls: bool,
    /// With --tls: write the certificate's PEM to PATH (default: a new file in the temp directory).
    #[arg(long, value_name = "PATH", requires = "tls")]
    tls_cert: Option<PathBuf>,
    /// Exit when stdin closes: a test fixture passes it with a pipe it holds, so
    /// that the sandbox never outlives the test run that started it (killed or not).
    #[arg(long)]
    exit_on_stdin_close: bool,
}

impl Cli {
    fn settings(&self) -> Result<Settings, String> {
        let mut specs = self.merchants.clone();
        if let Some(path) = &self.merchants_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            specs.extend(
                text.lines()
                    .map(|line| line.split('#').next().unwrap_or_default().trim())
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned),
            );
        }
        let merchants = specs
            .iter()
            .map(|spec| Merchant::parse(spec))
            .collect::<Result<Vec<_>, _>>()?;
        let settings = Settings {
            merchants,
            notify_interval: Duration::from_millis(self.notify_interval_ms),
            notify_timeout: Duration::from_millis(self.notify_timeout_ms),
            block_timeout: Duration::from_secs(self.block_timeout_secs),
            nonce_ttl: Duration::from_secs(self.nonce_ttl_secs),
            barcode_pending: Duration::from_millis(self.barcode_pending_ms),
            strict: self.strict,
        };
        settings.check()?;
        Ok(settings)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match cli.settings() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("latipay-sandbox: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind((cli.host.as_str(), cli.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "latipay-sandbox: cannot listen on {}:{}: {e}",
                cli.host, cli.port
            );
            return ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    let tls = if cli.tls {
        match certificate(&cli, &address.ip().to_string()) {
            Ok(tls) => Some(tls),
            Err(e) => {
                eprintln!("latipay-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    // The first line is the base URL; tests read it to find the sandbox. With
    // --tls the second is where the certificate is, written before either line.
    match &tls {
        Some((_, pem_path)) => {
            let _ = writeln!(out, "https://{address}");
            let _ = writeln!(out, "{}", pem_path.display());
        }
        None => {
            let _ = writeln!(out, "http://{address}");
        }
    }
    if settings.merchants.is_empty() {
        let _ = writeln!(out, "merchant (demo): {DEMO_MERCHANT}");
    }
    for m in &settings.merchants {
        let _ = writeln!(
            out,
            "merchant: user_id {} wallet_id {} currency {} (api_key as given)",
            m.user_id, m.wallet_id, m.currency
        );
    }
    let _ = out.flush();
    drop(out);
    let served = async {
        match &tls {
            Some((certificate, _)) => {
                latipay_sandbox::serve_tls(listener, settings, certificate).await
            }
            None => latipay_sandbox::serve(listener, settings).await,
        }
    };
    let orphaned = async {
        if cli.exit_on_stdin_close {
            stdin_closed().await
        } else {
            std::future::pending().await
        }
    };
    tokio::select! {
        () = orphaned => ExitCode::SUCCESS,
        served = served => match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("latipay-sandbox: {e}");
                ExitCode::FAILURE
            }
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}

/// Resolves once stdin reaches its end or fails: read on a thread of its own
/// (a blocking read that never ends must not hold up the runtime's exit).
async fn stdin_closed() {
    let (closed, wait) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 512];
        while matches!(std::io::stdin().read(&mut buffer), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    let _ = wait.await;
}

/// A new certificate for the loopback names, `--host` and the listening
/// address, with its PEM written to `--tls-cert` or a new file in the temp
/// directory; returns the certificate and where its PEM is.
fn certificate(cli: &Cli, address: &str) -> Result<(SelfSignedCertificate, PathBuf), String> {
    let certificate = SelfSignedCertificate::generate(&[cli.host.as_str(), address])
        .map_err(|e| format!("cannot make a certificate for {}: {e}", cli.host))?;
    let path = cli.tls_cert.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("latipay-sandbox-{}.pem", std::process::id()))
    });
    std::fs::write(&path, certificate.pem())
        .map_err(|e| format!("cannot write the certificate to {}: {e}", path.display()))?;
    Ok((certificate, path))
}
