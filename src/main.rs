//! `copydesk`: dispatch only.

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
