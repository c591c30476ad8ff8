//! The `gazette` binary: parse the command line, run it, map the result to
//! an exit code and print the error chain once.

use clap::Parser;

/// mimalloc: building a site allocates and frees millions of small
/// strings (pages, search words); the system allocator spent a sixth of
/// the build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = gazette::cli::Cli::parse();
    match gazette::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
