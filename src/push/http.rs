//! The HTTP side of [`super`]: one blocking client with timeouts, and authentication from the
//! environment — Bearer, HTTP Basic, or HTTP Digest (RFC 7616, MD5 and MD5-sess, `qop=auth` or
//! none) when the server's `WWW-Authenticate` challenge asks for it, as Virtuoso's `-auth`
//! endpoints do. Secrets go into `Authorization` headers and nowhere else.

use std::io::Read as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use md5::{Digest as _, Md5};
use ureq::http;

/// Credentials, from the environment only (see [`super::Auth::from_env`]).
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// A user name and password: HTTP Basic, or HTTP Digest when the server asks for it.
    Password {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// A bearer token (`Authorization: Bearer …`).
    Token(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::None => f.write_str("None"),
            Self::Password { user, .. } => write!(f, "Password {{ user: {user:?}, password: … }}"),
            Self::Token(_) => f.write_str("Token(…)"),
        }
    }
}

/// What a request came back with (any status: the caller decides what is success).
#[derive(Debug)]
pub(super) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The first part of the body, as one line of text (HTML tags dropped).
    pub message: String,
}

/// Why a request got no reply.
#[derive(Debug)]
pub(super) enum Failure {
    /// Could not connect, the connection broke, TLS failed, the host is unknown.
    Network(String),
    /// A timeout expired (which one, in words).
    Timeout(String),
    /// The server still said 401 after the credentials were sent as it asked (or there are none).
    Unauthorized {
        /// The last reply.
        reply: Reply,
        /// What was tried: "no credentials", "Basic", "Digest".
        tried: &'static str,
    },
}

/// How requests are authenticated, learnt from the server's first challenge.
#[derive(Debug)]
enum Scheme {
    /// Not known yet (no 401 seen).
    Unknown,
    Basic,
    Digest(Challenge),
}

/// A blocking HTTP client that answers authentication challenges.
pub(super) struct Client {
    agent: ureq::Agent,
    auth: Auth,
    scheme: Scheme,
    /// Digest nonce count for the current nonce.
    nc: u32,
    /// The longest response body kept for messages.
    message_chars: usize,
}

impl Client {
    /// A client with these timeouts: connecting, and each read or write on the connection.
    pub fn new(auth: Auth, connect: Duration, read: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(connect))
            .timeout_resolve(Some(connect))
            .timeout_per_read(Some(read))
            .timeout_per_write(Some(read))
            .user_agent(concat!("tipkg/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self {
            agent,
            auth,
            scheme: Scheme::Unknown,
            nc: 0,
            message_chars: 300,
        }
    }

    /// A `HEAD` request that only learns how the server authenticates (its status is not
    /// judged), so that a large body is not sent once without credentials first.
    pub fn probe(&mut self, url: &str) -> Result<(), Failure> {
        if !matches!(self.auth, Auth::Password { .. }) {
            return Ok(());
        }
        let response = self.run("HEAD", url, None)?;
        if response.status().as_u16() == 401 {
            self.learn(&response);
        }
        Ok(())
    }

    /// Sends one request with a body, answering one authentication challenge (or a stale
    /// Digest nonce) by sending it again.
    pub fn send(
        &mut self,
        method: &str,
        url: &str,
        content_type: &str,
        body: &[u8],
    ) -> Result<Reply, Failure> {
        let mut tries = 0;
        loop {
            tries += 1;
            let mut response = self.run(method, url, Some((content_type, body)))?;
            let status = response.status().as_u16();
            if status != 401 {
                let mut message = self.message(&mut response);
                // Redirects are not followed (a body and credentials would go elsewhere): say
                // where to.
                if (300..400).contains(&status)
                    && let Some(to) = response
                        .headers()
                        .get(http::header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                {
                    message = format!("redirected to {to}; give that URL");
                }
                return Ok(Reply { status, message });
            }
            let tried = match (&self.auth, &self.scheme) {
                (Auth::None, _) => "no credentials",
                (Auth::Token(_), _) => "a bearer token",
                (_, Scheme::Unknown) => "no credentials",
                (_, Scheme::Basic) => "Basic",
                (_, Scheme::Digest(_)) => "Digest",
            };
            let learnt = self.learn(&response);
            let message = self.message(&mut response);
            // One more try when credentials can now be sent as the server asks (the first
            // challenge, or a new nonce for Digest); a second refusal is final.
            if tries >= 2 || !learnt {
                return Err(Failure::Unauthorized {
                    reply: Reply { status, message },
                    tried,
                });
            }
        }
    }

    /// Records the scheme a 401 asks for; true when credentials can answer it.
    fn learn(&mut self, response: &http::Response<ureq::Body>) -> bool {
        if !matches!(self.auth, Auth::Password { .. }) {
            return false;
        }
        let challenges: Vec<Challenge> = response
            .headers()
            .get_all(http::header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(parse_challenges)
            .collect();
        if let Some(c) = challenges
            .iter()
            .find(|c| c.scheme.eq_ignore_ascii_case("digest") && c.supported())
        {
            self.scheme = Scheme::Digest(c.clone());
            self.nc = 0;
            true
        } else if challenges
            .iter()
            .any(|c| c.scheme.eq_ignore_ascii_case("basic"))
        {
            self.scheme = Scheme::Basic;
            true
        } else {
            false
        }
    }

    /// The `Authorization` header for the next request, if any.
    fn authorization(&mut self, method: &str, url: &str) -> Option<String> {
        match (&self.auth, &self.scheme) {
            (Auth::None, _) | (Auth::Password { .. }, Scheme::Unknown) => None,
            (Auth::Token(t), _) => Some(format!("Bearer {t}")),
            (Auth::Password { user, password }, Scheme::Basic) => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            )),
            (Auth::Password { user, password }, Scheme::Digest(c)) => {
                self.nc += 1;
                Some(c.authorization(
                    user,
                    password,
                    method,
                    &request_target(url),
                    self.nc,
                    &cnonce(self.nc),
                ))
            }
        }
    }

    fn run(
        &mut self,
        method: &str,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<http::Response<ureq::Body>, Failure> {
        let mut builder = http::Request::builder().method(method).uri(url);
        if let Some(a) = self.authorization(method, url) {
            builder = builder.header(http::header::AUTHORIZATION, a);
        }
        match body {
            Some((content_type, bytes)) => builder
                .header(http::header::CONTENT_TYPE, content_type)
                .body(bytes)
                .map_err(|e| Failure::Network(format!("bad request: {e}")))
                .and_then(|r| self.agent.run(r).map_err(failure)),
            None => builder
                .body(())
                .map_err(|e| Failure::Network(format!("bad request: {e}")))
                .and_then(|r| self.agent.run(r).map_err(failure)),
        }
    }

    /// The first part of a response body as one line: whitespace collapsed, HTML tags dropped.
    fn message(&self, response: &mut http::Response<ureq::Body>) -> String {
        let html = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("html"));
        // The first 64 KiB only: a server may echo a whole request (Virtuoso echoes the query).
        let mut bytes = Vec::new();
        let _ = response
            .body_mut()
            .as_reader()
            .take(64 << 10)
            .read_to_end(&mut bytes);
        first_part(&String::from_utf8_lossy(&bytes), html, self.message_chars)
    }
}

/// One line of at most `max` characters of a server's message.
pub(super) fn first_part(text: &str, html: bool, max: usize) -> String {
    let mut plain = String::with_capacity(text.len().min(4 * max));
    let mut in_tag = false;
    let mut skip_until: Option<&str> = None;
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if let Some(end) = skip_until {
            if lower[i..].starts_with(end) {
                skip_until = None;
                i += end.len();
            } else {
                i += c.len_utf8();
            }
            continue;
        }
        if html && !in_tag && c == '<' {
            // The page title repeats the heading; styles and scripts are no message.
            for (open, close) in [
                ("<title", "</title>"),
                ("<style", "</style>"),
                ("<script", "</script>"),
            ] {
                if lower[i..].starts_with(open) {
                    skip_until = Some(close);
                }
            }
            if skip_until.is_none() {
                in_tag = true;
            }
            plain.push(' ');
        } else if in_tag {
            in_tag = c != '>';
        } else {
            plain.push(c);
        }
        i += c.len_utf8();
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= max {
        line
    } else {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(t) => Failure::Timeout(t.to_string()),
        ureq::Error::HostNotFound => Failure::Network("host not found".to_owned()),
        ureq::Error::Io(io) => Failure::Network(io.to_string()),
        ureq::Error::Tls(m) => Failure::Network(format!("TLS: {m}")),
        other => Failure::Network(other.to_string()),
    }
}

/// The request target of an absolute URL: its path and query (`/` when it has no path).
fn request_target(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    match after_scheme.find(['/', '?']) {
        Some(i) if after_scheme[i..].starts_with('/') => after_scheme[i..].to_owned(),
        Some(i) => format!("/{}", &after_scheme[i..]),
        None => "/".to_owned(),
    }
    .split('#')
    .next()
    .unwrap_or("/")
    .to_owned()
}

/// A client nonce: unpredictable enough for its purpose (it is no secret; it keeps a replayed
/// response from matching), from the clock, the process and the count.
fn cnonce(nc: u32) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hex(&Md5::digest(format!("{nanos}:{}:{nc}", std::process::id())))[..16].to_owned()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(32), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn md5_hex(s: &str) -> String {
    hex(&Md5::digest(s.as_bytes()))
}

/// One authentication challenge of a `WWW-Authenticate` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Challenge {
    /// `Basic`, `Digest`, `Bearer`, …
    pub scheme: String,
    /// Its parameters, names in lower case.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn algorithm(&self) -> String {
        self.param("algorithm")
            .unwrap_or("MD5")
            .to_ascii_uppercase()
    }

    /// True for the Digest variants answered here: MD5 and MD5-sess, `qop` auth or absent.
    fn supported(&self) -> bool {
        let qop_ok = self
            .param("qop")
            .is_none_or(|q| q.split(',').any(|q| q.trim() == "auth"));
        matches!(self.algorithm().as_str(), "MD5" | "MD5-SESS") && qop_ok
    }

    /// The `Authorization` header value answering this Digest challenge (RFC 7616 §3.4).
    pub fn authorization(
        &self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        nc: u32,
        cnonce: &str,
    ) -> String {
        let realm = self.param("realm").unwrap_or_default();
        let nonce = self.param("nonce").unwrap_or_default();
        let algorithm = self.algorithm();
        let mut ha1 = md5_hex(&format!("{user}:{realm}:{password}"));
        if algorithm == "MD5-SESS" {
            ha1 = md5_hex(&format!("{ha1}:{nonce}:{cnonce}"));
        }
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let qop = self
            .param("qop")
            .map(|q| q.split(',').any(|q| q.trim() == "auth"));
        let nc = format!("{nc:08x}");
        let response = if qop == Some(true) {
            md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
        } else {
            md5_hex(&format!("{ha1}:{nonce}:{ha2}"))
        };
        let q = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut h = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", response=\"{response}\"",
            q(user),
            q(realm),
            q(nonce),
            q(uri)
        );
        if let Some(alg) = self.param("algorithm") {
            h.push_str(&format!(", algorithm={alg}"));
        }
        if qop == Some(true) {
            h.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
        }
        if let Some(opaque) = self.param("opaque") {
            h.push_str(&format!(", opaque=\"{}\"", q(opaque)));
        }
        h
    }
}

/// The challenges of one `WWW-Authenticate` value: `Scheme name=value, name="quoted", …`, with
/// several challenges separated by commas (a new one starts where a token has no `=`).
pub(super) fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut out: Vec<Challenge> = Vec::new();
    let b = header.as_bytes();
    let mut i = 0;
    let token_end = |mut j: usize| {
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b',' | b'=') {
            j += 1;
        }
        j
    };
    while i < b.len() {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b',') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        i = token_end(i);
        let token = &header[start..i];
        let mut j = i;
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            // A parameter of the current challenge (or a token68 such as `abc==`).
            j += 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t') {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'"' {
                j += 1;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' && j + 1 < b.len() {
                        j += 1;
                    }
                    let c = header[j..].chars().next().unwrap_or(' ');
                    value.push(c);
                    j += c.len_utf8();
                }
                j += 1;
            } else {
                let end = token_end(j);
                value.push_str(&header[j..end]);
                j = end;
            }
            if let Some(c) = out.last_mut() {
                c.params.push((token.to_ascii_lowercase(), value));
            }
            i = j.min(b.len());
        } else {
            out.push(Challenge {
                scheme: token.to_owned(),
                params: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_rfc_2617_example() {
        // RFC 2617 §3.5: Mufasa / Circle Of Life.
        let c = Challenge {
            scheme: "Digest".into(),
            params: vec![
                ("realm".into(), "testrealm@host.com".into()),
                ("qop".into(), "auth,auth-int".into()),
                ("nonce".into(), "dcd98b7102dd2f0e8b11d0f600bfb0c093".into()),
                ("opaque".into(), "5ccc069c403ebaf9f0171e9517f40e41".into()),
            ],
        };
        assert!(c.supported());
        let h = c.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            1,
            "0a4f113b",
        );
        assert!(
            h.contains("response=\"6629fae49393a05397450978507c4ef1\""),
            "{h}"
        );
        assert!(h.contains("nc=00000001"), "{h}");
        assert!(
            h.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""),
            "{h}"
        );
    }

    #[test]
    fn digest_of_rfc_7616_md5_example() {
        // RFC 7616 §3.9.1, MD5 variant.
        let c = Challenge {
            scheme: "Digest".into(),
            params: vec![
                ("realm".into(), "http-auth@example.org".into()),
                ("qop".into(), "auth, auth-int".into()),
                ("algorithm".into(), "MD5".into()),
                (
                    "nonce".into(),
                    "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into(),
                ),
                (
                    "opaque".into(),
                    "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS".into(),
                ),
            ],
        };
        let h = c.authorization(
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            1,
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        );
        assert!(
            h.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""),
            "{h}"
        );
    }

    #[test]
    fn challenges_of_virtuoso_and_of_several_schemes() {
        let v = parse_challenges(
            "Digest realm=\"SPARQL\", domain=\"/sparql-auth\", nonce=\"1d26\", \
             opaque=\"5ebe\", stale=\"false\", qop=\"auth\", algorithm=\"MD5\"",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].scheme, "Digest");
        assert_eq!(v[0].param("nonce"), Some("1d26"));
        assert_eq!(v[0].param("algorithm"), Some("MD5"));
        let two = parse_challenges("Basic realm=\"a, b\", Digest realm=x, nonce=\"n\\\"q\"");
        assert_eq!(two.len(), 2, "{two:?}");
        assert_eq!(two[0].param("realm"), Some("a, b"));
        assert_eq!(two[1].param("realm"), Some("x"));
        assert_eq!(two[1].param("nonce"), Some("n\"q"));
        let sha = parse_challenges("Digest realm=r, nonce=n, algorithm=SHA-256");
        assert!(!sha[0].supported());
    }

    #[test]
    fn request_targets() {
        assert_eq!(
            request_target("http://h:1/sparql-graph-crud-auth?graph=a%2Fb"),
            "/sparql-graph-crud-auth?graph=a%2Fb"
        );
        assert_eq!(request_target("https://h"), "/");
        assert_eq!(request_target("http://h?default"), "/?default");
    }

    #[test]
    fn messages_are_one_short_line_without_html() {
        let page = "<html><head><title>SPARQL request failed</title></head><body>\n<h1>HTTP/1.1 \
                    403 Forbidden</h1>\n<xmp>SQ110:SECURITY: Permission denied</xmp></body></html>";
        assert_eq!(
            first_part(page, true, 300),
            "HTTP/1.1 403 Forbidden SQ110:SECURITY: Permission denied"
        );
        assert_eq!(first_part("a\n  b", false, 300), "a b");
        assert_eq!(first_part("abcdef", false, 3), "abc…");
    }

    #[test]
    fn debug_hides_secrets() {
        let a = Auth::Password {
            user: "dba".into(),
            password: "s3cret".into(),
        };
        assert!(!format!("{a:?}").contains("s3cret"));
        assert!(!format!("{:?}", Auth::Token("tok3n".into())).contains("tok3n"));
    }
}
