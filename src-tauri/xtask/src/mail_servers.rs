//! Real mail servers for the e-mail channel's tests: Dovecot (IMAP and submission) and msmtpd as the
//! SMTP relay that hands mail to Dovecot's LDA, all from Debian's packages, started in a temporary
//! folder on free ports of 127.0.0.1 and stopped when dropped. As root they run as `nobody`, so a
//! test run never leaves a root daemon behind.

use std::fs::{self, File};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{TaskResult, process, step};

/// Everyone's password is `<name>-pass`; the seller is the shop whose inbox the app shows.
const ACCOUNTS: &[(&str, &str)] = &[("seller@shop.test", "seller-pass"), ("buyer@buyer.test", "buyer-pass")];

const DOVECOT: &str = "/usr/sbin/dovecot";
const DOVEADM: &str = "/usr/bin/doveadm";
const DOVECOT_LDA: &str = "/usr/lib/dovecot/dovecot-lda";
/// The password of every address other than the two fixed accounts (tests make their own).
const OTHER_ACCOUNTS_PASSWORD: &str = "mailbox-pass";
const MSMTPD: &str = "/usr/bin/msmtpd";
const SYSTEM_CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);

pub struct MailServers {
    dir: PathBuf,
    ports: Ports,
    dovecot: Option<Child>,
    relay: Option<Child>,
    /// Cleans up should this process die without dropping (Ctrl-C, a CI timeout).
    watchdog: Option<Child>,
}

struct Ports {
    imaps: u16,
    imap_starttls: u16,
    submissions: u16,
    relay: u16,
    /// Where Dovecot asks whether an OAuth access token is good (XOAUTH2): nothing listens until a
    /// test starts the simulator's Microsoft identity server on it.
    oauth_introspection: u16,
}

/// Whom the servers run as: the current user, or `nobody` when that is root.
struct ServerUser {
    name: String,
    group: String,
    uid: u32,
    gid: u32,
    /// How to run a program as this user from the current one (empty when they are the same).
    run_as: Vec<String>,
}

impl MailServers {
    pub fn start() -> Result<MailServers, String> {
        let started = Instant::now();
        for program in [DOVECOT, DOVEADM, DOVECOT_LDA, MSMTPD] {
            if !Path::new(program).exists() {
                return Err(format!(
                    "{program} is missing: `cargo xtask setup` installs dovecot-imapd, dovecot-submissiond \
                     and msmtp-mta (left out when another mail server is installed, which apt would remove)"
                ));
            }
        }
        let user = ServerUser::find()?;
        let dir = unique_temp_dir()?;
        let mut servers = MailServers {
            dir: dir.clone(),
            ports: Ports {
                imaps: free_port()?,
                imap_starttls: free_port()?,
                submissions: free_port()?,
                relay: free_port()?,
                oauth_introspection: free_port()?,
            },
            dovecot: None,
            relay: None,
            watchdog: None,
        };
        // The folder and its scripts stay the caller's; only var/ (mail, sockets, logs) is the
        // servers', so they cannot rewrite what the caller later runs.
        let var = dir.join("var");
        fs::create_dir(&var).map_err(|e| format!("cannot create {}: {e}", var.display()))?;
        std::os::unix::fs::chown(&var, Some(user.uid), Some(user.gid))
            .map_err(|e| format!("cannot hand {} to {}: {e}", var.display(), user.name))?;

        make_certificates(&dir)?;
        write(&dir.join("passwd"), &passwd_file(&dir, &user), 0o644)?;
        write(&dir.join("dovecot.conf"), &dovecot_config(&dir, &user, &servers.ports), 0o644)?;
        write(&dir.join("oauth2.conf.ext"), &oauth2_config(&servers.ports), 0o644)?;
        write(&dir.join("deliver"), &deliver_script(&dir), 0o755)?;
        write(&dir.join("doveadm"), &doveadm_script(&dir, &user), 0o755)?;

        servers.dovecot = Some(spawn(
            user.command(DOVECOT).args(["-F", "-c"]).arg(dir.join("dovecot.conf")),
            &var.join("dovecot.stderr"),
        )?);
        servers.relay = Some(spawn(
            user.command(MSMTPD).args([
                "--interface=127.0.0.1".to_owned(),
                format!("--port={}", servers.ports.relay),
                format!("--log={}", var.join("msmtpd.log").display()),
                format!("--command={} %F --", dir.join("deliver").display()),
            ]),
            &var.join("msmtpd.stderr"),
        )?);
        servers.watchdog = Some(servers.start_watchdog()?);

        for port in
            [servers.ports.imaps, servers.ports.imap_starttls, servers.ports.submissions, servers.ports.relay]
        {
            servers.wait_for(port)?;
        }
        println!(
            "Mail servers in {} (as {}), up in {} ms: IMAPS {}, submission {}, relay {}",
            dir.display(),
            user.name,
            started.elapsed().as_millis(),
            servers.ports.imaps,
            servers.ports.submissions,
            servers.ports.relay
        );
        Ok(servers)
    }

    /// What the tests read to find the servers (channels/tests/support/mail_server.rs).
    pub fn env(&self) -> Vec<(String, String)> {
        let dir = self.dir.display();
        [
            ("MOSTRADOR_MAIL_HOST", "localhost".to_owned()),
            ("MOSTRADOR_MAIL_IMAP_PORT", self.ports.imaps.to_string()),
            ("MOSTRADOR_MAIL_IMAP_STARTTLS_PORT", self.ports.imap_starttls.to_string()),
            ("MOSTRADOR_MAIL_SUBMISSION_PORT", self.ports.submissions.to_string()),
            ("MOSTRADOR_MAIL_RELAY_PORT", self.ports.relay.to_string()),
            ("MOSTRADOR_MAIL_OAUTH_PORT", self.ports.oauth_introspection.to_string()),
            ("MOSTRADOR_MAIL_DIR", dir.to_string()),
            ("MOSTRADOR_MAIL_DOVEADM", format!("{dir}/doveadm")),
            // rustls-platform-verifier (through rustls-native-certs) trusts only this file when it
            // is set, which is how the app and the tests trust the throwaway CA.
            ("SSL_CERT_FILE", format!("{dir}/ca.pem")),
            ("MOSTRADOR_REQUIRE_MAIL_SERVERS", "1".to_owned()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
    }

    /// `env()` for a cargo command that runs the tests: SSL_CERT_FILE would also be the only CA
    /// cargo trusts for downloading crates, so cargo is pointed back at the system's.
    pub fn env_for_cargo(&self) -> Vec<(String, String)> {
        let mut env = self.env();
        if Path::new(SYSTEM_CA_BUNDLE).exists() {
            env.push(("CARGO_HTTP_CAINFO".to_owned(), SYSTEM_CA_BUNDLE.to_owned()));
        }
        env
    }

    fn start_watchdog(&self) -> Result<Child, String> {
        let pid = |child: &Option<Child>| child.as_ref().map(|c| c.id().to_string()).unwrap_or_default();
        Command::new("sh")
            .args([
                "-c",
                // Ignores the signals that end this process so that it outlives it.
                "trap '' INT HUP TERM
                 while kill -0 \"$1\" 2>/dev/null; do sleep 0.2; done
                 kill -TERM \"$2\" \"$3\" 2>/dev/null
                 sleep 1
                 rm -rf \"$4\"",
                "mail-servers-watchdog",
                &std::process::id().to_string(),
                &pid(&self.dovecot),
                &pid(&self.relay),
            ])
            .arg(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start the mail servers' watchdog: {e}"))
    }

    fn wait_for(&mut self, port: u16) -> TaskResult {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            let exited = |child: &mut Option<Child>| child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            for (name, status) in
                [("dovecot", exited(&mut self.dovecot)), ("msmtpd", exited(&mut self.relay))]
            {
                if let Some(status) = status {
                    return Err(format!("{name} exited ({status}) while starting\n{}", self.log_tail()));
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "nothing listens on 127.0.0.1:{port} after {} s\n{}",
                    STARTUP_TIMEOUT.as_secs(),
                    self.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log_tail(&self) -> String {
        ["dovecot.stderr", "dovecot.log", "msmtpd.stderr", "msmtpd.log"]
            .iter()
            .filter_map(|name| {
                let path = self.dir.join("var").join(name);
                let text = fs::read_to_string(&path).ok().filter(|text| !text.trim().is_empty())?;
                let lines: Vec<&str> = text.lines().collect();
                let tail = lines[lines.len().saturating_sub(20)..].join("\n");
                Some(format!("--- {} ---\n{tail}", path.display()))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Drop for MailServers {
    fn drop(&mut self) {
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
        if let Some(mut dovecot) = self.dovecot.take() {
            // SIGTERM lets the master stop its own children; SIGKILL would orphan them.
            let _ = Command::new("kill").args(["-TERM", &dovecot.id().to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(3);
            while matches!(dovecot.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = dovecot.kill();
            let _ = dovecot.wait();
        }
        if let Some(mut relay) = self.relay.take() {
            let _ = relay.kill();
            let _ = relay.wait();
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// `cargo xtask mail-servers`: the servers for running the e-mail tests by hand.
pub fn serve() -> TaskResult {
    step("Mail servers (Ctrl-C stops them)");
    let servers = MailServers::start()?;
    println!(
        "\n# In another shell, paste these and run e.g. `cargo test -p mostrador-channels --test mail_servers`."
    );
    for (name, value) in servers.env_for_cargo() {
        println!("export {name}='{value}'");
    }
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

impl ServerUser {
    fn find() -> Result<ServerUser, String> {
        let id = |args: &[&str]| -> Result<String, String> {
            Ok(process::output(process::command("id").args(args))?.trim().to_owned())
        };
        let is_root = id(&["-u"])? == "0";
        let who: &[&str] = if is_root { &["nobody"] } else { &[] };
        let number = |flag: &str| -> Result<u32, String> {
            let text = id(&[&[flag], who].concat())?;
            text.parse().map_err(|_| format!("`id {flag}` printed {text:?}"))
        };
        let uid = number("-u")?;
        let gid = number("-g")?;
        let run_as = if is_root {
            ["setpriv", &format!("--reuid={uid}"), &format!("--regid={gid}"), "--clear-groups", "--"]
                .map(String::from)
                .to_vec()
        } else {
            Vec::new()
        };
        Ok(ServerUser {
            name: id(&[&["-un"], who].concat())?,
            group: id(&[&["-gn"], who].concat())?,
            uid,
            gid,
            run_as,
        })
    }

    fn command(&self, program: &str) -> Command {
        match self.run_as.split_first() {
            Some((first, rest)) => {
                let mut command = Command::new(first);
                command.args(rest).arg(program);
                command
            }
            None => Command::new(program),
        }
    }

    /// The same as `command`, for a shell script.
    fn shell_prefix(&self) -> String {
        self.run_as.iter().map(|word| format!("{word} ")).collect()
    }
}

fn unique_temp_dir() -> Result<PathBuf, String> {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("mostrador-mail-{}-{nanos}", std::process::id()));
    fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Dovecot's processes, running as another user, read the configuration and certificates here.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("cannot open {} to the servers: {e}", dir.display()))?;
    Ok(dir)
}

/// A port that was free a moment ago; the servers bind it right after.
fn free_port() -> Result<u16, String> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("no free local port: {e}"))
}

fn write(path: &Path, text: &str, mode: u32) -> TaskResult {
    fs::write(path, text)
        .and_then(|()| fs::set_permissions(path, fs::Permissions::from_mode(mode)))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn spawn(command: &mut Command, stderr: &Path) -> Result<Child, String> {
    let log = File::create(stderr).map_err(|e| format!("cannot create {}: {e}", stderr.display()))?;
    let log_too = log.try_clone().map_err(|e| format!("cannot share {}: {e}", stderr.display()))?;
    command
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_too)
        .spawn()
        .map_err(|e| format!("could not start {:?}: {e}", command.get_program()))
}

/// A throwaway CA (ca.pem, what the tests trust) and a certificate for localhost signed by it.
/// P-256 keys: generated in milliseconds, unlike RSA.
fn make_certificates(dir: &Path) -> TaskResult {
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"];
    let quietly = |command: &mut Command| process::output(command.stderr(Stdio::piped())).map(drop);
    quietly(process::command("openssl").current_dir(dir).args(["req", "-x509"]).args(key).args([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=Mostrador test CA",
    ]))?;
    quietly(
        process::command("openssl")
            .current_dir(dir)
            .args(["req", "-x509", "-CA", "ca.pem", "-CAkey", "ca.key"])
            .args(key)
            .args(["-keyout", "server.key", "-out", "server.pem", "-subj", "/CN=localhost"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .args(["-addext", "extendedKeyUsage=serverAuth"]),
    )?;
    // Dovecot's config process reads the key as the servers' user; the CA's key is not needed again.
    fs::set_permissions(dir.join("server.key"), fs::Permissions::from_mode(0o644))
        .and_then(|()| fs::remove_file(dir.join("ca.key")))
        .map_err(|e| format!("cannot finish the certificates in {}: {e}", dir.display()))
}

/// passwd-file lines: user:password:uid:gid:gecos:home:shell:extra fields.
fn passwd_file(dir: &Path, user: &ServerUser) -> String {
    ACCOUNTS
        .iter()
        .map(|(address, password)| {
            let home = dir.join("var/home").join(address);
            format!("{address}:{{PLAIN}}{password}:{}:{}::{}::\n", user.uid, user.gid, home.display())
        })
        .collect()
}

fn dovecot_config(dir: &Path, user: &ServerUser, ports: &Ports) -> String {
    let dir = dir.display();
    let (name, group, uid, gid) = (&user.name, &user.group, user.uid, user.gid);
    let Ports { imaps, imap_starttls, submissions, relay, oauth_introspection: _ } = ports;
    format!(
        r#"# Written by `cargo xtask` for one test run (src-tauri/xtask/src/mail_servers.rs).
protocols = imap submission
listen = 127.0.0.1
hostname = localhost
postmaster_address = postmaster@localhost
# Its own runtime, state and log folders, so it neither needs nor touches the system Dovecot's.
base_dir = {dir}/var/run
state_dir = {dir}/var/state
instance_name = mostrador-test
log_path = {dir}/var/dovecot.log
# Without root, every service runs as this one user and none can chroot.
default_internal_user = {name}
default_internal_group = {group}
default_login_user = {name}
first_valid_uid = {uid}
first_valid_gid = {gid}

ssl = required
ssl_cert = <{dir}/server.pem
ssl_key = <{dir}/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN {dir}/passwd
}}
# Any other address signs in with the shared test password and gets its own mailbox, so each test
# can have a shop of its own without one seeing another's mail.
passdb {{
  driver = static
  mechanisms = plain login
  args = password={OTHER_ACCOUNTS_PASSWORD}
}}
# XOAUTH2 (Outlook.com's only way in): the token is asked about at the simulator's Microsoft
# identity server, which says whose it is. Password sign-ins never reach it.
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {dir}/oauth2.conf.ext
}}
userdb {{
  driver = passwd-file
  args = {dir}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/var/home/%u allow_all_users=yes
}}

mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \Drafts
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \Trash
    auto = subscribe
  }}
}}

# Submission relays every accepted mail to msmtpd, which hands it to dovecot-lda.
submission_relay_host = 127.0.0.1
submission_relay_port = {relay}
submission_relay_trusted = yes

service imap-login {{
  chroot =
  inet_listener imap {{
    port = {imap_starttls}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service submission-login {{
  chroot =
  inet_listener submission {{
    port = {submissions}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service auth-worker {{
  user = $default_internal_user
}}
"#
    )
}

/// Dovecot's oauth2 passdb: RFC 7662 introspection by POST, the address in `email` must be the
/// one the client signs in as, and only active tokens pass.
fn oauth2_config(ports: &Ports) -> String {
    format!(
        "introspection_mode = post\n\
         introspection_url = http://127.0.0.1:{}/_sim/microsoft/introspect\n\
         force_introspection = yes\n\
         username_attribute = email\n\
         active_attribute = active\n\
         active_value = true\n",
        ports.oauth_introspection
    )
}

/// msmtpd pipes each mail to this with the envelope sender and then every recipient as
/// arguments; dovecot-lda delivers to one user at a time, so the mail is kept and handed over once
/// per recipient. Exit codes pass through (67, an unknown user, is a permanent failure).
fn deliver_script(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        r#"#!/bin/sh
from="$1"; shift
[ "$1" = "--" ] && shift
mail=$(mktemp "{dir}/var/incoming.XXXXXX") || exit 75
trap 'rm -f "$mail"' EXIT
cat > "$mail"
for recipient in "$@"; do
  {DOVECOT_LDA} -c "{dir}/dovecot.conf" -f "$from" -d "$recipient" < "$mail" || exit $?
done
"#
    )
}

/// `$MOSTRADOR_MAIL_DOVEADM mailbox status -u seller@shop.test messages INBOX`: doveadm against this
/// run's Dovecot, as the user that owns its mail.
fn doveadm_script(dir: &Path, user: &ServerUser) -> String {
    format!("#!/bin/sh\nexec {}{DOVEADM} -c \"{}/dovecot.conf\" \"$@\"\n", user.shell_prefix(), dir.display())
}
