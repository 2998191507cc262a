//! The UI's TypeScript, generated from the declared commands: `ui/src/lib/ipc/bindings.ts` (every
//! type a command takes or returns, and what those types contain) and `ui/src/lib/ipc/commands.ts`
//! (one typed function per command). A test fails when either is stale; `cargo xtask types`
//! rewrites both.

use std::any::TypeId;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;

use ts_rs::{Config, TS, TypeVisitor};

/// One `#[tauri::command]` as build.rs read it from `src/commands/<area>.rs`.
pub struct CommandDeclaration {
    pub name: &'static str,
    /// The file it is declared in (`inbox` for commands/inbox.rs).
    pub area: &'static str,
    /// Its `///` comment: what it does for the UI.
    pub doc: &'static str,
    /// What the webview passes, in order (tauri's injected arguments left out), by Rust name.
    pub params: &'static [(&'static str, TsType)],
    /// The `Ok` type of its `Result` (or what it returns).
    pub ok: TsType,
    /// The `Err` type, when it returns a `Result`.
    pub err: Option<TsType>,
}

/// A Rust type's name in TypeScript; on the way, it and every type it contains are collected.
pub type TsType = fn(&mut TypeCollector) -> String;

/// The [`TsType`] of `T`: the generated declarations name it `ts_type::<T>`.
pub fn ts_type<T: TS + 'static + ?Sized>(types: &mut TypeCollector) -> String {
    types.visit::<T>();
    T::name(&types.config)
}

/// Types the UI names although no command carries them. None today: the types only the shell's
/// notification tick (`TriageAlerts`) or the CLI (`PromiseView`, `FeasibilityView`) use stay out of
/// bindings.ts, since the UI never receives them.
const NOT_IN_ANY_COMMAND: &[TsType] = &[];

/// The declarations of every type visited, and of the types they contain, by TypeScript name.
pub struct TypeCollector {
    config: Config,
    seen: HashSet<TypeId>,
    declarations: BTreeMap<String, Declaration>,
}

struct Declaration {
    rust: &'static str,
    text: String,
}

impl TypeCollector {
    fn new() -> Self {
        // i64 ids and unix seconds fit a JS number (< 2^53).
        let config = Config::new().with_large_int("number");
        TypeCollector { config, seen: HashSet::new(), declarations: BTreeMap::new() }
    }
}

impl TypeVisitor for TypeCollector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only types that ts-rs can declare have an output path; `Vec<T>`, `Option<T>` and the
        // primitives are written inline.
        if T::output_path().is_some() {
            let name = T::ident(&self.config);
            let text = T::decl(&self.config);
            let rust = std::any::type_name::<T>();
            if let Some(other) = self.declarations.get(&name) {
                assert!(other.text == text, "{rust} and {} are both `{name}` in TypeScript", other.rust);
            }
            self.declarations.insert(name, Declaration { rust, text });
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The two generated files: (bindings.ts, commands.ts).
pub fn generate() -> (String, String) {
    let mut types = TypeCollector::new();
    let commands = commands_ts(&mut types);
    for extra in NOT_IN_ANY_COMMAND {
        extra(&mut types);
    }
    (bindings_ts(&types), commands)
}

fn declared() -> impl Iterator<Item = &'static CommandDeclaration> {
    crate::commands::DECLARED.iter().flat_map(|area| area.iter())
}

fn bindings_ts(types: &TypeCollector) -> String {
    let mut out = String::from(
        "// Generated from the Rust types the commands carry, by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.\n\n",
    );
    for declaration in types.declarations.values() {
        out.push_str("export ");
        out.push_str(&declaration.text);
        out.push_str("\n\n");
    }
    let mut all_codes: Vec<&str> = mostrador_core::ERROR_CODES.to_vec();
    for code in crate::ipc::live_channel_error_codes() {
        if !all_codes.contains(&code) {
            all_codes.push(code);
        }
    }
    let codes: Vec<String> = all_codes.iter().map(|code| format!("\"{code}\"")).collect();
    out.push_str(&format!(
        "/** Every `IpcError.code`; each needs a sentence under `errors.` in every locale. */\nexport const ERROR_CODES = [{}] as const;\n\nexport type ErrorCode = (typeof ERROR_CODES)[number];\n",
        codes.join(", ")
    ));
    out
}

fn commands_ts(types: &mut TypeCollector) -> String {
    let mut functions = String::new();
    // The TypeScript types of every signature, to know which names to import.
    let mut signatures = String::new();
    let mut names = Vec::new();
    let mut area = "";
    for command in declared() {
        if command.area != area {
            area = command.area;
            writeln!(functions, "\n// ---- {area}").unwrap();
        }
        let function = camel_case(command.name);
        check_identifier(command.name, &function);
        let mut params = Vec::new();
        let mut args = Vec::new();
        let mut doc = command.doc.to_owned();
        for (rust_name, ty) in command.params {
            let name = camel_case(rust_name);
            check_identifier(command.name, &name);
            // The doc names arguments as Rust does; the UI reads them in camelCase.
            doc = doc.replace(&format!("`{rust_name}`"), &format!("`{name}`"));
            params.push(format!("{name}: {}", ty(types)));
            args.push(name);
        }
        let ok = (command.ok)(types);
        writeln!(signatures, "{} {ok}", params.join(" ")).unwrap();
        if let Some(err) = command.err {
            // The shell's error is what `call()` rejects with: collected for bindings.ts.
            err(types);
        }
        functions.push('\n');
        functions.push_str(&jsdoc(&doc));
        writeln!(functions, "export function {function}({}): Promise<{ok}> {{", params.join(", ")).unwrap();
        if args.is_empty() {
            writeln!(functions, "  return call<{ok}>('{}');", command.name).unwrap();
        } else {
            writeln!(functions, "  return call<{ok}>('{}', {{ {} }});", command.name, args.join(", "))
                .unwrap();
        }
        functions.push_str("}\n");
        names.push(format!("'{}'", command.name));
    }

    let imports: BTreeSet<&str> =
        identifiers(&signatures).filter(|word| types.declarations.contains_key(*word)).collect();
    let mut out = String::from(
        "// Generated from src-tauri/app/src/commands/*.rs by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.\n\
         // One function per command: its name in camelCase, its arguments in order, its Rust doc.\n\n",
    );
    out.push_str("import type {\n");
    for name in imports {
        writeln!(out, "  {name},").unwrap();
    }
    out.push_str("} from './bindings';\nimport { call } from './shell';\n");
    out.push_str(&functions);
    write!(
        out,
        "\n/** Every command the shell declares. */\nexport const COMMAND_NAMES = [\n  {},\n] as const;\n\n\
         export type CommandName = (typeof COMMAND_NAMES)[number];\n",
        names.join(",\n  ")
    )
    .unwrap();
    out
}

/// `conversation_get` → `conversationGet`, as tauri turns argument names into the keys it reads.
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A generated name must be usable as a JavaScript identifier and must not hide `call`.
fn check_identifier(command: &str, name: &str) {
    const RESERVED: &[&str] = &[
        "arguments",
        "await",
        "break",
        "call",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "eval",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
    ];
    assert!(
        !RESERVED.contains(&name),
        "command `{command}`: `{name}` cannot be a name in the generated TypeScript; rename it"
    );
}

fn jsdoc(doc: &str) -> String {
    let doc = doc.replace("*/", "*\\/");
    let lines: Vec<&str> = doc.lines().collect();
    match lines.as_slice() {
        [line] => format!("/** {line} */\n"),
        _ => {
            let mut out = String::from("/**\n");
            for line in lines {
                if line.is_empty() {
                    out.push_str(" *\n");
                } else {
                    writeln!(out, " * {line}").unwrap();
                }
            }
            out.push_str(" */\n");
            out
        }
    }
}

fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when the UI's generated TypeScript no longer matches the commands and their types;
    /// `cargo xtask types` rewrites it.
    #[test]
    fn typescript_bindings_are_fresh() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc");
        let (bindings, commands) = super::generate();
        let files = [("bindings.ts", bindings), ("commands.ts", commands)];
        if std::env::var_os("MOSTRADOR_WRITE_BINDINGS").is_some() {
            for (name, fresh) in &files {
                std::fs::write(folder.join(name), fresh).expect("write the generated TypeScript");
            }
            return;
        }
        for (name, fresh) in &files {
            let current = std::fs::read_to_string(folder.join(name)).unwrap_or_default();
            assert!(current == *fresh, "ui/src/lib/ipc/{name} is stale: run `cargo xtask types`");
        }
    }

    #[test]
    fn camel_case_matches_tauri_argument_names() {
        assert_eq!(super::camel_case("conversation_id"), "conversationId");
        assert_eq!(super::camel_case("before_message_id"), "beforeMessageId");
        assert_eq!(super::camel_case("id"), "id");
    }
}
