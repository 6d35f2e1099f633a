//! The cause of an internal error: kept for the log, never shown to the caller.

use std::error::Error;
use std::fmt;
use std::panic::Location;

/// The source error (with its own sources) and where the `AppError` was made. No crate is
/// needed for this: `Box<dyn Error>` takes any error or message, and the request's span
/// (method, route, request id) is around the log line already.
pub struct Cause {
    error: Box<dyn Error + Send + Sync>,
    location: &'static Location<'static>,
}

impl Cause {
    #[track_caller]
    pub fn new(error: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Cause {
            error: error.into(),
            location: Location::caller(),
        }
    }

    /// One log line with the whole chain: made when the response is built, not before.
    pub fn log(&self) {
        tracing::error!(location = %self.location, "internal error: {self}");
    }
}

/// The error and each of its sources: `outer: inner: innermost`.
impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        let mut source = self.error.source();
        while let Some(s) = source {
            write!(f, ": {s}")?;
            source = s.source();
        }
        Ok(())
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self} (at {})", self.location)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use actix_web::body::MessageBody;
    use actix_web::ResponseError;

    use crate::error::AppError;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_500_says_nothing_of_its_cause_and_the_log_has_all_of_it() {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let body = tracing::subscriber::with_default(subscriber, || {
            let cause = tera::Error::chain(
                "rendering reports/list.html",
                std::io::Error::other("disk /srv/portal/secret-volume is full"),
            );
            let err = AppError::internal(cause);
            let response = err.error_response();
            assert_eq!(response.status(), 500);
            response.into_body().try_into_bytes().unwrap()
        });
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            r#"{"error":{"code":"internal","message":"an internal error occurred"}}"#
        );
        let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert_eq!(log.matches("internal error:").count(), 1, "{log}");
        assert!(
            log.contains("rendering reports/list.html: disk /srv/portal/secret-volume is full"),
            "{log}"
        );
        assert!(
            log.contains("src/error/cause.rs"),
            "the place it was made: {log}"
        );
    }
}
