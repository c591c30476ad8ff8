//! The `gazette` binary: parse the command line, run it, map the result to
//! an exit code and print the error chain once.

use clap::Parser;

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
