//! The binary's command line, beside `main.rs`: the arguments ([`args`], the only place
//! besides `main.rs` that uses clap) and what each command does ([`commands`]).

pub(crate) mod args;
pub(crate) mod commands;
pub(crate) mod man;
pub(crate) mod origin;
pub(crate) mod output;
pub(crate) mod reference;
