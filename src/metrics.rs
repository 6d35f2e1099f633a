//! Prometheus metrics (the `prometheus` crate without its protobuf feature: the text format
//! only, no HTTP listener of its own). Counters and histograms are counted where things
//! happen (requests in `telemetry.rs`, pool waits in `state.rs`, sign-in failures in
//! `services/auth`, mail failures in `mail/worker.rs`); gauges that describe the present
//! (pool connections, outbox depth, hashes in flight) are read when `/metrics` is scraped.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_waits: Histogram,
    pool_timeouts: IntCounter,
    pool_connections: IntGaugeVec,
    outbox: IntGaugeVec,
    mail_failures: IntCounter,
    sign_in: IntCounterVec,
    hashes: IntGaugeVec,
}

const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

fn build() -> Result<Metrics, prometheus::Error> {
    let registry = Registry::new_custom(Some("portal".into()), None)?;
    let requests = IntCounterVec::new(
        Opts::new(
            "http_requests_total",
            "HTTP requests by route template and status",
        ),
        &["method", "route", "status"],
    )?;
    let latency = HistogramVec::new(
        HistogramOpts::new("http_request_duration_seconds", "HTTP request latency")
            .buckets(LATENCY_BUCKETS.to_vec()),
        &["method", "route"],
    )?;
    let pool_waits = Histogram::with_opts(
        HistogramOpts::new(
            "db_pool_wait_seconds",
            "Waits for a pooled database connection",
        )
        .buckets(LATENCY_BUCKETS.to_vec()),
    )?;
    let pool_timeouts = IntCounter::new(
        "db_pool_timeouts_total",
        "Requests that found no database connection in time",
    )?;
    let pool_connections = IntGaugeVec::new(
        Opts::new(
            "db_pool_connections",
            "Pooled database connections by state",
        ),
        &["state"],
    )?;
    let outbox = IntGaugeVec::new(
        Opts::new("outbox_mails", "Mails in the outbox by status"),
        &["status"],
    )?;
    let mail_failures = IntCounter::new(
        "mail_delivery_failures_total",
        "Failed mail delivery attempts",
    )?;
    let sign_in = IntCounterVec::new(
        Opts::new(
            "sign_in_refusals_total",
            "Refused sign-ins: failed or throttled",
        ),
        &["reason"],
    )?;
    let hashes = IntGaugeVec::new(
        Opts::new(
            "password_hashes",
            "Password hash computations in flight and their bound",
        ),
        &["state"],
    )?;
    registry.register(Box::new(requests.clone()))?;
    registry.register(Box::new(latency.clone()))?;
    registry.register(Box::new(pool_waits.clone()))?;
    registry.register(Box::new(pool_timeouts.clone()))?;
    registry.register(Box::new(pool_connections.clone()))?;
    registry.register(Box::new(outbox.clone()))?;
    registry.register(Box::new(mail_failures.clone()))?;
    registry.register(Box::new(sign_in.clone()))?;
    registry.register(Box::new(hashes.clone()))?;
    Ok(Metrics {
        registry,
        requests,
        latency,
        pool_waits,
        pool_timeouts,
        pool_connections,
        outbox,
        mail_failures,
        sign_in,
        hashes,
    })
}

/// One set per process (several servers in one test process share it).
pub static METRICS: LazyLock<Metrics> =
    LazyLock::new(|| build().expect("the metrics' names and labels are valid"));

impl Metrics {
    /// A finished request: `route` is the matched pattern (`/api/v1/reports/{id}`), never the
    /// path, so ids and tokens stay out and the series stay few.
    pub fn request(&self, method: &str, route: &str, status: u16, elapsed: Option<Duration>) {
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        if let Some(elapsed) = elapsed {
            self.latency
                .with_label_values(&[method, route])
                .observe(elapsed.as_secs_f64());
        }
    }

    pub fn pool_wait(&self, waited: Duration, got: bool) {
        self.pool_waits.observe(waited.as_secs_f64());
        if !got {
            self.pool_timeouts.inc();
        }
    }

    pub fn mail_failed(&self) {
        self.mail_failures.inc();
    }

    /// `failed` (wrong password or unknown account) or `throttled`.
    pub fn sign_in_refused(&self, reason: &'static str) {
        self.sign_in.with_label_values(&[reason]).inc();
    }

    /// The text exposition, with the present state's gauges set first.
    pub fn render(&self, now: &Present) -> String {
        self.pool_connections
            .with_label_values(&["in_use"])
            .set(now.pool_in_use);
        self.pool_connections
            .with_label_values(&["idle"])
            .set(now.pool_idle);
        self.hashes
            .with_label_values(&["in_flight"])
            .set(now.hashes_in_flight);
        self.hashes
            .with_label_values(&["limit"])
            .set(now.hash_limit);
        for (status, n) in &now.outbox {
            self.outbox.with_label_values(&[status]).set(*n);
        }
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!("metrics: {e}");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// What is read at scrape time.
#[derive(Debug, Default)]
pub struct Present {
    pub pool_in_use: i64,
    pub pool_idle: i64,
    pub hashes_in_flight: i64,
    pub hash_limit: i64,
    /// (status, mails); every known status, zero when none.
    pub outbox: Vec<(String, i64)>,
}
