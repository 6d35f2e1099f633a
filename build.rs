// Rebuild when a migration is added or edited: they are embedded in the binary
// (`embed_migrations!` cannot tell cargo about new files itself).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
