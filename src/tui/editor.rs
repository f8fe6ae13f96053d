//! `o`: the selected row's place in its file, opened in the user's editor, as lazygit
//! and k9s do. `update` only asks ([`crate::tui::App::edit`]); the runtime leaves the
//! terminal to the editor ([`run`]), takes it back when the editor exits, and the file
//! watcher reloads what was saved.
//!
//! The editor is `$VISUAL`, else `$EDITOR`, else `vi`, split on spaces (`code --wait`
//! works; quoted arguments do not). The line is passed the way the editor reads it:
//! `FILE:LINE:COLUMN` with `--goto` for VS Code and its forks, `FILE:LINE:COLUMN` for
//! Sublime Text, Zed and Helix, `+LINE FILE` for every other (vi, Vim, Neovim, nano,
//! Emacs, micro, Kakoune…).

use std::path::PathBuf;
use std::process::Command;

/// A place to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// The editor the environment names: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_from_env() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// The program and arguments that open `request` in `editor` (`None`: `editor` is
/// blank).
pub fn command(editor: &str, request: &EditRequest) -> Option<(String, Vec<String>)> {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let name = std::path::Path::new(&program)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let file = request.file.display().to_string();
    let at = format!("{file}:{}:{}", request.line, request.column);
    match name.as_str() {
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            args.extend(["--goto".to_string(), at]);
        }
        "subl" | "sublime_text" | "zed" | "zeditor" | "hx" | "helix" => args.push(at),
        _ => args.extend([format!("+{}", request.line), file]),
    }
    Some((program, args))
}

/// Runs the editor on `request` with the terminal's standard streams and waits for it:
/// what to say afterwards, or why it could not run.
pub fn run(editor: &str, request: &EditRequest) -> Result<String, String> {
    let Some((program, args)) = command(editor, request) else {
        return Err("no editor: set $EDITOR".into());
    };
    let shown = format!("{}:{}", request.file.display(), request.line);
    match Command::new(&program).args(&args).status() {
        Ok(status) if status.success() => Ok(format!("Back from {program} ({shown})")),
        Ok(status) => Err(format!("{program} exited with {status} ({shown})")),
        Err(e) => Err(format!(
            "could not run `{program}` ({e}): set $VISUAL or $EDITOR to your editor"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(editor: &str) -> Vec<String> {
        let request = EditRequest {
            file: PathBuf::from("inv/inventory.ron"),
            line: 247,
            column: 19,
        };
        let (program, mut args) = command(editor, &request).unwrap();
        args.insert(0, program);
        args
    }

    #[test]
    fn each_editor_gets_the_line_its_own_way() {
        assert_eq!(at("vi"), ["vi", "+247", "inv/inventory.ron"]);
        assert_eq!(
            at("/usr/bin/nvim -u NONE"),
            ["/usr/bin/nvim", "-u", "NONE", "+247", "inv/inventory.ron"]
        );
        assert_eq!(at("nano"), ["nano", "+247", "inv/inventory.ron"]);
        assert_eq!(
            at("code --wait"),
            ["code", "--wait", "--goto", "inv/inventory.ron:247:19"]
        );
        assert_eq!(at("hx"), ["hx", "inv/inventory.ron:247:19"]);
        assert_eq!(at("subl -w"), ["subl", "-w", "inv/inventory.ron:247:19"]);
        assert!(
            command(
                "  ",
                &EditRequest {
                    file: PathBuf::new(),
                    line: 1,
                    column: 1
                }
            )
            .is_none()
        );
    }
}
