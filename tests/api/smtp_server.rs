//! A real SMTP server for the tests, in-process: `mailin-embedded` speaks the protocol and keeps
//! what it receives in memory. Its server runs until the process ends, so it listens on a port
//! of its own, and a small relay on the test's port forwards connections to it: stopping the
//! server closes the relay's listener and cuts its connections (an outage: connections are
//! refused), and a server started again on the same port is a new one.

use std::io::ErrorKind;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

pub struct SmtpServer {
    pub port: u16,
    mails: Arc<Mutex<Vec<Received>>>,
    relay: Option<Relay>,
}

/// One received mail: its raw text, headed by `X-MailFrom` and `X-RcptTo` lines with the
/// envelope (as aiosmtpd's Mailbox wrote them).
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
}
impl Received {
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.raw
            .lines()
            .take_while(|l| !l.is_empty())
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }

    /// The text with quoted-printable soft breaks and escapes undone, so a search for a word
    /// cannot miss it because the encoder split it across lines.
    pub fn decoded(&self) -> String {
        let joined = self.raw.replace("=\r\n", "").replace("=\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        let mut text = String::from_utf8_lossy(&out).into_owned();
        text.push_str(&self.base64_parts());
        text
    }

    /// The parts sent as base64 (text mostly outside ASCII, Arabic or Chinese), decoded.
    fn base64_parts(&self) -> String {
        use base64::Engine;
        let mut out = String::new();
        for part in self.raw.split("Content-Transfer-Encoding: base64").skip(1) {
            let body = part.trim_start_matches(['\r', '\n']);
            let encoded: String = body
                .lines()
                .take_while(|l| !l.trim().is_empty() && !l.starts_with("--"))
                .collect();
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) {
                out.push('\n');
                out.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
        out
    }

    pub fn rcpt_to(&self) -> String {
        self.header("X-RcptTo").unwrap_or_default()
    }
}

/// A free port, held until a server listens on it ([`SmtpServer::start_on_reserved`]): bound
/// but not listening, so connections to it are refused meanwhile (an outage), and no other
/// test's server or outgoing connection can take it, as one could take a port found free and
/// let go.
pub struct ReservedPort {
    socket: socket2::Socket,
    pub port: u16,
}

pub fn reserve_port() -> ReservedPort {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket
        .bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into())
        .unwrap();
    let port = socket
        .local_addr()
        .unwrap()
        .as_socket()
        .expect("an IPv4 address")
        .port();
    ReservedPort { socket, port }
}

/// One SMTP session's mail in the making; mailin gives each connection its own clone.
#[derive(Clone)]
struct Collector {
    mails: Arc<Mutex<Vec<Received>>>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_string();
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let raw = format!(
            "X-MailFrom: {}\r\nX-RcptTo: {}\r\n{}",
            self.from,
            self.to.join(", "),
            String::from_utf8_lossy(&self.data)
        );
        self.mails.lock().unwrap().push(Received { raw });
        self.data.clear();
        response::OK
    }
}

/// Accepts on the test's port and pipes each connection to the SMTP server until stopped.
struct Relay {
    stop: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
    thread: Option<JoinHandle<()>>,
}

impl Relay {
    /// Listens on `port` (0: a free port the system picks, known once bound).
    fn bind(port: u16) -> TcpListener {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match TcpListener::bind(("127.0.0.1", port)) {
                Ok(l) => break l,
                Err(e) => {
                    assert!(Instant::now() < deadline, "cannot listen on {port}: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    fn start(listener: TcpListener, backend: u16) -> Relay {
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (stop2, open2) = (stop.clone(), open.clone());
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = pipe(client, backend, &open2);
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
            // The listener is dropped here: the port refuses connections from now on.
        });
        Relay {
            stop,
            open,
            thread: Some(thread),
        }
    }

    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Copies bytes both ways between `client` and the SMTP server, each way on its own thread.
fn pipe(client: TcpStream, backend: u16, open: &Mutex<Vec<TcpStream>>) -> std::io::Result<()> {
    client.set_nonblocking(false)?;
    let server = TcpStream::connect(("127.0.0.1", backend))?;
    {
        let mut open = open.lock().unwrap();
        open.push(client.try_clone()?);
        open.push(server.try_clone()?);
    }
    for (mut from, mut to) in [(client.try_clone()?, server.try_clone()?), (server, client)] {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Write);
        });
    }
    Ok(())
}

impl SmtpServer {
    /// A server on a free port, bound as it is chosen.
    pub fn start() -> SmtpServer {
        Self::listening(Relay::bind(0))
    }

    /// A server on the port the test held until now (a server that was down from the start).
    pub fn start_on_reserved(reserved: ReservedPort) -> SmtpServer {
        reserved.socket.listen(128).unwrap();
        Self::listening(reserved.socket.into())
    }

    /// A server on `port` again (to bring back a server the test stopped).
    pub fn start_on(port: u16) -> SmtpServer {
        Self::listening(Relay::bind(port))
    }

    fn listening(listener: TcpListener) -> SmtpServer {
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let backend = TcpListener::bind("127.0.0.1:0").unwrap();
        let backend_port = backend.local_addr().unwrap().port();
        let mut server = Server::new(Collector {
            mails: mails.clone(),
            from: String::new(),
            to: Vec::new(),
            data: Vec::new(),
        });
        server
            .with_name("smtp.test.example.org")
            .with_ssl(SslConfig::None)
            .expect("plain SMTP")
            .with_num_threads(8)
            .with_tcp_listener(backend);
        // Runs until the test process ends; the relay decides whether anyone reaches it.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpServer {
            port,
            mails,
            relay: Some(Relay::start(listener, backend_port)),
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(mut relay) = self.relay.take() {
            relay.stop();
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits until at least `n` mails arrived (panics after `secs`).
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} mails, got {}",
                got.len()
            );
            actix_rt::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One SMTP conversation by hand: the greeting, then each command and its reply code.
fn send_by_hand(port: u16, to: &str, body: &str) {
    use std::io::{BufRead, BufReader, Write};
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut reply = |expect: &str| loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with(expect), "expected {expect}, got {line:?}");
        if line.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    };
    reply("220");
    for (command, expect) in [
        ("EHLO client.test".to_string(), "250"),
        ("MAIL FROM:<portal@test.example.org>".to_string(), "250"),
        (format!("RCPT TO:<{to}>"), "250"),
        ("DATA".to_string(), "354"),
        (format!("Subject: by hand\r\n\r\n{body}\r\n."), "250"),
        ("QUIT".to_string(), "221"),
    ] {
        write!(writer, "{command}\r\n").unwrap();
        reply(expect);
    }
}

#[test]
fn the_test_mail_server_speaks_smtp_stops_and_comes_back_on_its_port() {
    let mut server = SmtpServer::start();
    let port = server.port;
    send_by_hand(port, "ana@example.org", "..a line that began with a dot");
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_to(), "ana@example.org");
    assert_eq!(got[0].header("Subject").as_deref(), Some("by hand"));
    assert!(
        got[0].raw.contains("\r\n.a line that began with a dot"),
        "{}",
        got[0].raw
    );

    // Stopped: an outage, connections are refused.
    server.stop();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());

    // Back on the same port, as a new server.
    let again = SmtpServer::start_on(port);
    assert!(again.received().is_empty());
    send_by_hand(port, "ben@example.org", "hello");
    assert_eq!(again.received()[0].rcpt_to(), "ben@example.org");
}
