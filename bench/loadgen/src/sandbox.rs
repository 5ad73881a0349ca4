//! The sandbox under test: its release binary, started as a child process so
//! that its memory and sockets are its own.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long the sandbox waits for a merchant's answer: longer than the slow
/// merchant takes, so its notifications stay open rather than time out.
pub const NOTIFY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running sandbox process; killed when dropped.
pub struct SandboxProcess {
    child: Child,
    /// Its base URL, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
}

impl SandboxProcess {
    /// Starts `binary` on a free loopback port, retrying notifications every second.
    pub async fn start(binary: &Path) -> std::io::Result<Self> {
        let mut child = Command::new(binary)
            .args(["--port", "0", "--notify-interval-ms", "1000"])
            .args([
                "--notify-timeout-ms",
                &NOTIFY_TIMEOUT.as_millis().to_string(),
            ])
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first).await?;
        Ok(SandboxProcess {
            child,
            base_url: first.trim().to_owned(),
        })
    }

    fn proc_path(&self, what: &str) -> String {
        format!("/proc/{}/{what}", self.child.id().unwrap_or(0))
    }

    /// Resident memory (`VmRSS`), in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(self.proc_path("status")).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// Open file descriptors (mostly sockets).
    pub fn open_files(&self) -> usize {
        std::fs::read_dir(self.proc_path("fd")).map_or(0, |d| d.count())
    }
}
