use clap::Parser;

/// See `Cargo.toml` and `memory.rs`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() {
    portal::memory::tune_allocator();
    portal::telemetry::init();
    let cli = portal::cli::Cli::parse();
    if let Err(e) = portal::cli::run(cli).await {
        eprintln!("portal: {e}");
        std::process::exit(1);
    }
}
