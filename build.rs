//! The default theme is embedded with `include_dir!`, which cargo does not know to watch:
//! without this, editing a theme file leaves the old theme in the binary.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
