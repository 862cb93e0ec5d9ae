//! What runs beside the server: the daily retention job and the shutdown signal.

use std::future::Future;

use crate::sync::Interviews;

/// Once at start and then daily: anonymises the interviews past the retention period.
/// Logs counts only, never content.
pub(crate) async fn retention(interviews: Interviews, months: u32) {
    let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
    loop {
        daily.tick().await;
        let now = app::clock::now();
        let today = chrono::DateTime::from_timestamp_millis(now)
            .map(|t| t.date_naive())
            .unwrap_or_default();
        match interviews.anonymise_due(today, months, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(interviews = n, "retention: names and free text removed"),
            Err(e) => tracing::error!("retention job failed: {e}"),
        }
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this is called,
/// not when the future is first polled, so a signal right after the port opens is not lost.
pub(crate) fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            let (Ok(mut interrupt), Ok(mut terminate)) = (interrupt, terminate) else {
                tracing::error!("cannot listen for SIGINT/SIGTERM; stop the server with SIGKILL");
                return std::future::pending().await;
            };
            tokio::select! {
                _ = interrupt.recv() => tracing::info!("SIGINT received, shutting down"),
                _ = terminate.recv() => tracing::info!("SIGTERM received, shutting down"),
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    }
}
