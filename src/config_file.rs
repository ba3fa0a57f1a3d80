//! The config file's name, on its own: modules that read a part of the config (such as
//! `check::settings`, which `config` itself calls) name the file in their messages without
//! depending on `config`.

pub const CONFIG_FILE: &str = "kennisbank.yaml";
