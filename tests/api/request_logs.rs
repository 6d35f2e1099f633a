//! The request log (through `tracing-actix-web`): one line per request with its method, route
//! and status, and never a query string, a token or a password.

use std::io::{Read, Write};

use crate::cli::{env, serve_logging, stop_with_sigterm};

fn send(port: u16, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn request_logs_hold_no_query_string_token_or_password() {
    let env = env();
    let (mut child, port, lines) = serve_logging(&env);
    let reader = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());

    let token = "QueryToken7f3a9c";
    let password = "BodyPassword5e8d1";
    let page = send(
        port,
        &format!("GET /login?token={token} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let body = format!(r#"{{"email":"nobody@example.org","password":"{password}"}}"#);
    let refused = send(
        port,
        &format!(
            "POST /api/v1/auth/login?access_token={token} HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\
             Authorization: Bearer {token}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");

    stop_with_sigterm(&mut child);
    let log = reader.join().unwrap().join("\n");
    assert!(!log.contains(token), "{log}");
    assert!(!log.contains(password), "{log}");
    let line = |route: &str, status: &str| {
        log.lines()
            .any(|l| l.contains(route) && l.contains(status) && l.contains("request_id="))
    };
    assert!(line("route=/login", "status=200"), "{log}");
    assert!(line("route=/api/v1/auth/login", "status=401"), "{log}");
}
