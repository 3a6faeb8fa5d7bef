// The tables. Each row names a qualified name as the semantic model resolves it (through the
// file's imports: `from flask import request` makes `request.args` "flask.request.args").
#include "analysis/models/models.hpp"

namespace vigil::analysis::models {

namespace {

// --- Sources ----------------------------------------------------------------------------------

// What a Flask/Werkzeug request says about the server rather than the client.
constexpr std::string_view flask_request_safe[] = {
    "method", "endpoint", "blueprint",      "url_rule",           "is_json",           "is_secure",
    "is_xhr", "mimetype", "content_length", "max_content_length", "routing_exception", "scheme",
};

constexpr SinkKinds where_it_points =
    sink_bit(SinkKind::Redirect) | sink_bit(SinkKind::Ssrf) | sink_bit(SinkKind::Header);
// The current request's own path: redirecting to it stays on the site.
constexpr PartlySafe flask_request_partly_safe[] = {
    {"path", sink_bit(SinkKind::Redirect)},
    {"full_path", sink_bit(SinkKind::Redirect)},
    {"script_root", sink_bit(SinkKind::Redirect)},
};

constexpr NameSource builtin_name_sources[] = {
    {"flask.request", Remote, flask_request_safe, flask_request_partly_safe},
    {"quart.request", Remote, flask_request_safe, flask_request_partly_safe},
    {"bottle.request", Remote},
    {"werkzeug.local.request", Remote, flask_request_safe},
    {"sys.argv", Local},
    {"os.environ", Environment},
    {"os.environb", Environment},
};

constexpr CallSource builtin_call_sources[] = {
    {"input", Local},
    {"raw_input", Local},
    {"os.getenv", Environment},
    {"os.getenvb", Environment},
    {"urllib.request.urlopen", Remote},
    {"urllib2.urlopen", Remote},
    {"requests.get", Remote},
    {"requests.post", Remote},
    {"requests.put", Remote},
    {"requests.patch", Remote},
    {"requests.delete", Remote},
    {"requests.request", Remote},
    {"httpx.get", Remote},
    {"httpx.post", Remote},
    {"httpx.request", Remote},
};

constexpr std::string_view sockets[] = {"socket", "ssl", "socketserver"};
constexpr MethodSource builtin_method_sources[] = {
    {"recv", Remote, sockets},
    {"recvfrom", Remote, sockets},
    {"recv_into", Remote, sockets},
    {"recvmsg", Remote, sockets},
};

// Django's HttpRequest (and Django REST framework's Request).
constexpr std::string_view django_request_attributes[] = {
    "GET",
    "POST",
    "body",
    "COOKIES",
    "META",
    "FILES",
    "headers",
    "data",
    "query_params",
    "path",
    "path_info",
    "get_full_path",
    "get_full_path_info",
    "build_absolute_uri",
    "read",
    "readline",
    "readlines",
    "content_params",
    "get_host",
    "get_signed_cookie",
};
// aiohttp's web.Request.
constexpr std::string_view aiohttp_request_attributes[] = {
    "match_info", "query",   "rel_url", "headers", "cookies",  "post",         "json",      "text",
    "read",       "content", "url",     "path",    "raw_path", "query_string", "multipart",
};
// http.server's BaseHTTPRequestHandler, as `self`.
constexpr std::string_view http_server_attributes[] = {
    "path", "headers", "rfile", "requestline", "raw_requestline",
};

// Django validates the host against ALLOWED_HOSTS; the path is this request's own.
constexpr PartlySafe django_request_partly_safe[] = {
    {"get_host", where_it_points},
    {"path", sink_bit(SinkKind::Redirect)},
    {"path_info", sink_bit(SinkKind::Redirect)},
    {"get_full_path", sink_bit(SinkKind::Redirect)},
    {"get_full_path_info", sink_bit(SinkKind::Redirect)},
    {"build_absolute_uri", sink_bit(SinkKind::Redirect)},
};

constexpr RequestObject builtin_request_objects[] = {
    {HandlerKind::DjangoView, django_request_attributes, django_request_partly_safe},
    {HandlerKind::AiohttpHandler, aiohttp_request_attributes},
    {HandlerKind::HttpServer, http_server_attributes},
    {HandlerKind::RouteParameters, {}},
};

// --- Sinks ------------------------------------------------------------------------------------

// Which modules make a common method name the sink it is in the table below.
constexpr std::string_view databases[] = {
    "sqlite3",   "psycopg2",  "psycopg",  "pymysql",   "MySQLdb", "mysql",     "sqlalchemy",
    "django",    "cx_Oracle", "oracledb", "pyodbc",    "asyncpg", "aiosqlite", "aiomysql",
    "databases", "pymssql",   "duckdb",   "snowflake", "pg8000",  "peewee",
};
constexpr std::string_view ldap_modules[] = {"ldap", "ldap3"};
constexpr std::string_view jinja_modules[] = {"jinja2"};
constexpr std::string_view xml_modules[] = {"lxml"};

constexpr Sink builtin_sinks[] = {
    // SQL (CWE-89): the query text; parameters passed separately are safe.
    {"execute", SinkKind::Sql, 0, "sql", true, SinkCondition::Always, databases},
    {"executemany", SinkKind::Sql, 0, "sql", true, SinkCondition::Always, databases},
    {"executescript", SinkKind::Sql, 0, "sql_script", true, SinkCondition::Always, databases},
    {"raw", SinkKind::Sql, 0, "raw_query", true, SinkCondition::Manager},
    {"sqlalchemy.text", SinkKind::Sql, 0, "text"},
    {"sqlalchemy.sql.text", SinkKind::Sql, 0, "text"},
    {"django.db.models.expressions.RawSQL", SinkKind::Sql, 0, "sql"},
    {"django.db.models.RawSQL", SinkKind::Sql, 0, "sql"},
    {"pandas.read_sql", SinkKind::Sql, 0, "sql"},
    {"pandas.read_sql_query", SinkKind::Sql, 0, "sql"},
    // OS commands (CWE-78): a shell string, or an argv list that starts a shell.
    {"os.system", SinkKind::Command, 0, "command"},
    {"os.popen", SinkKind::Command, 0, "cmd"},
    {"subprocess.getoutput", SinkKind::Command, 0, "cmd"},
    {"subprocess.getstatusoutput", SinkKind::Command, 0, "cmd"},
    {"commands.getoutput", SinkKind::Command, 0, "cmd"},
    {"asyncio.create_subprocess_shell", SinkKind::Command, 0, "cmd"},
    {"subprocess_shell", SinkKind::Command, 1, "cmd", true},
    {"subprocess.call", SinkKind::Command, 0, "args", false, SinkCondition::ShellTrue},
    {"subprocess.run", SinkKind::Command, 0, "args", false, SinkCondition::ShellTrue},
    {"subprocess.Popen", SinkKind::Command, 0, "args", false, SinkCondition::ShellTrue},
    {"subprocess.check_call", SinkKind::Command, 0, "args", false, SinkCondition::ShellTrue},
    {"subprocess.check_output", SinkKind::Command, 0, "args", false, SinkCondition::ShellTrue},
    {"subprocess.call", SinkKind::Command, 0, "args", false, SinkCondition::ShellDashC},
    {"subprocess.run", SinkKind::Command, 0, "args", false, SinkCondition::ShellDashC},
    {"subprocess.Popen", SinkKind::Command, 0, "args", false, SinkCondition::ShellDashC},
    {"subprocess.check_call", SinkKind::Command, 0, "args", false, SinkCondition::ShellDashC},
    {"subprocess.check_output", SinkKind::Command, 0, "args", false, SinkCondition::ShellDashC},
    // Code (CWE-95).
    {"eval", SinkKind::Code, 0, "source"},
    {"exec", SinkKind::Code, 0, "source"},
    {"compile", SinkKind::Code, 0, "source"},
    {"builtins.eval", SinkKind::Code, 0, "source"},
    {"builtins.exec", SinkKind::Code, 0, "source"},
    // Paths (CWE-22).
    {"open", SinkKind::Path, 0, "file"},
    {"builtins.open", SinkKind::Path, 0, "file"},
    {"io.open", SinkKind::Path, 0, "file"},
    {"codecs.open", SinkKind::Path, 0, "filename"},
    {"os.open", SinkKind::Path, 0, "path"},
    {"os.remove", SinkKind::Path, 0, "path"},
    {"os.unlink", SinkKind::Path, 0, "path"},
    {"os.rmdir", SinkKind::Path, 0, "path"},
    {"os.mkdir", SinkKind::Path, 0, "path"},
    {"os.makedirs", SinkKind::Path, 0, "name"},
    {"os.rename", SinkKind::Path, -1},
    {"os.replace", SinkKind::Path, -1},
    {"os.listdir", SinkKind::Path, 0, "path"},
    {"os.chmod", SinkKind::Path, 0, "path"},
    {"shutil.copy", SinkKind::Path, -1},
    {"shutil.copyfile", SinkKind::Path, -1},
    {"shutil.copy2", SinkKind::Path, -1},
    {"shutil.move", SinkKind::Path, -1},
    {"shutil.rmtree", SinkKind::Path, 0, "path"},
    {"flask.send_file", SinkKind::Path, 0, "path_or_file"},
    {"flask.send_from_directory", SinkKind::Path, 1, "path"},
    {"flask.helpers.send_file", SinkKind::Path, 0, "path_or_file"},
    {"werkzeug.utils.send_file", SinkKind::Path, 0, "path_or_file"},
    {"django.http.FileResponse", SinkKind::Path, 0, {}},
    {"starlette.responses.FileResponse", SinkKind::Path, 0, "path"},
    {"fastapi.responses.FileResponse", SinkKind::Path, 0, "path"},
    {"read_text", SinkKind::Path, -2, {}, true}, // -2: the receiver (Path(p).read_text())
    {"read_bytes", SinkKind::Path, -2, {}, true},
    {"write_text", SinkKind::Path, -2, {}, true},
    {"write_bytes", SinkKind::Path, -2, {}, true},
    // Server-side request forgery (CWE-918): the URL.
    {"requests.get", SinkKind::Ssrf, 0, "url"},
    {"requests.post", SinkKind::Ssrf, 0, "url"},
    {"requests.put", SinkKind::Ssrf, 0, "url"},
    {"requests.patch", SinkKind::Ssrf, 0, "url"},
    {"requests.delete", SinkKind::Ssrf, 0, "url"},
    {"requests.head", SinkKind::Ssrf, 0, "url"},
    {"requests.options", SinkKind::Ssrf, 0, "url"},
    {"requests.request", SinkKind::Ssrf, 1, "url"},
    {"httpx.get", SinkKind::Ssrf, 0, "url"},
    {"httpx.post", SinkKind::Ssrf, 0, "url"},
    {"httpx.put", SinkKind::Ssrf, 0, "url"},
    {"httpx.delete", SinkKind::Ssrf, 0, "url"},
    {"httpx.request", SinkKind::Ssrf, 1, "url"},
    {"urllib.request.urlopen", SinkKind::Ssrf, 0, "url"},
    {"urllib.request.Request", SinkKind::Ssrf, 0, "url"},
    {"urllib2.urlopen", SinkKind::Ssrf, 0, "url"},
    {"aiohttp.request", SinkKind::Ssrf, 1, "url"},
    {"http.client.HTTPConnection", SinkKind::Ssrf, 0, "host"},
    {"http.client.HTTPSConnection", SinkKind::Ssrf, 0, "host"},
    // Open redirects (CWE-601).
    {"flask.redirect", SinkKind::Redirect, 0, "location"},
    {"werkzeug.utils.redirect", SinkKind::Redirect, 0, "location"},
    {"django.shortcuts.redirect", SinkKind::Redirect, 0, "to"},
    {"django.http.HttpResponseRedirect", SinkKind::Redirect, 0, "redirect_to"},
    {"django.http.HttpResponsePermanentRedirect", SinkKind::Redirect, 0, "redirect_to"},
    {"starlette.responses.RedirectResponse", SinkKind::Redirect, 0, "url"},
    {"fastapi.responses.RedirectResponse", SinkKind::Redirect, 0, "url"},
    // Cross-site scripting (CWE-79): HTML built from strings.
    {"django.http.HttpResponse", SinkKind::Xss, 0, "content"},
    {"flask.make_response", SinkKind::Xss, 0, {}},
    {"flask.Response", SinkKind::Xss, 0, "response"},
    {"markupsafe.Markup", SinkKind::Xss, 0, "base"},
    {"flask.Markup", SinkKind::Xss, 0, "base"},
    {"jinja2.Markup", SinkKind::Xss, 0, "base"},
    {"django.utils.safestring.mark_safe", SinkKind::Xss, 0, "s"},
    {"starlette.responses.HTMLResponse", SinkKind::Xss, 0, "content"},
    {"fastapi.responses.HTMLResponse", SinkKind::Xss, 0, "content"},
    // Server-side template injection (CWE-1336): the template's source.
    {"flask.render_template_string", SinkKind::Template, 0, "source"},
    {"jinja2.Template", SinkKind::Template, 0, "source"},
    {"from_string", SinkKind::Template, 0, "source", true, SinkCondition::Always, jinja_modules},
    {"mako.template.Template", SinkKind::Template, 0, "text"},
    {"django.template.Template", SinkKind::Template, 0, "template_string"},
    // Deserialization of untrusted data (CWE-502).
    {"pickle.loads", SinkKind::Deserialization, 0, "data"},
    {"pickle.load", SinkKind::Deserialization, 0, "file"},
    {"_pickle.loads", SinkKind::Deserialization, 0, "data"},
    {"cPickle.loads", SinkKind::Deserialization, 0, "data"},
    {"dill.loads", SinkKind::Deserialization, 0, "str"},
    {"marshal.loads", SinkKind::Deserialization, 0, "bytes"},
    {"shelve.open", SinkKind::Deserialization, 0, "filename"},
    {"jsonpickle.decode", SinkKind::Deserialization, 0, "string"},
    {"yaml.load", SinkKind::Deserialization, 0, "stream", false, SinkCondition::UnsafeYamlLoad},
    {"yaml.unsafe_load", SinkKind::Deserialization, 0, "stream"},
    {"yaml.full_load", SinkKind::Deserialization, 0, "stream"},
    // LDAP filters (CWE-90).
    {"search_s", SinkKind::Ldap, 2, "filterstr", true, SinkCondition::Always, ldap_modules},
    {"search_st", SinkKind::Ldap, 2, "filterstr", true, SinkCondition::Always, ldap_modules},
    {"search_ext_s", SinkKind::Ldap, 2, "filterstr", true, SinkCondition::Always, ldap_modules},
    {"search", SinkKind::Ldap, 1, "search_filter", true, SinkCondition::Always, ldap_modules},
    // XPath (CWE-643): the expression; values passed as variables are safe.
    {"xpath", SinkKind::Xpath, 0, "_path", true, SinkCondition::Always, xml_modules},
    {"lxml.etree.XPath", SinkKind::Xpath, 0, "path"},
    {"lxml.etree.ETXPath", SinkKind::Xpath, 0, "path"},
    // Log injection (CWE-117).
    {"logging.info", SinkKind::Log, -1},
    {"logging.warning", SinkKind::Log, -1},
    {"logging.error", SinkKind::Log, -1},
    {"logging.debug", SinkKind::Log, -1},
    {"logging.critical", SinkKind::Log, -1},
    {"logging.exception", SinkKind::Log, -1},
    // Regular expressions built from input (CWE-1333: a pattern that backtracks for ever).
    {"re.compile", SinkKind::Regex, 0, "pattern"},
    {"re.match", SinkKind::Regex, 0, "pattern"},
    {"re.search", SinkKind::Regex, 0, "pattern"},
    {"re.fullmatch", SinkKind::Regex, 0, "pattern"},
    {"re.sub", SinkKind::Regex, 0, "pattern"},
    {"re.split", SinkKind::Regex, 0, "pattern"},
    {"re.findall", SinkKind::Regex, 0, "pattern"},
    {"re.finditer", SinkKind::Regex, 0, "pattern"},
};

// --- Sanitizers -------------------------------------------------------------------------------

constexpr SinkKinds html = sink_bit(SinkKind::Xss);
constexpr SinkKinds everything = all_sink_kinds;

constexpr Sanitizer builtin_sanitizers[] = {
    // Conversions to a number or an identifier: nothing harmful survives.
    {"int", everything},
    {"float", everything},
    {"bool", everything},
    {"complex", everything},
    {"uuid.UUID", everything},
    {"decimal.Decimal", everything},
    {"datetime.date.fromisoformat", everything},
    {"ipaddress.ip_address", everything & ~sink_bit(SinkKind::Ssrf)},
    // HTML escaping protects HTML only.
    {"html.escape", html},
    {"cgi.escape", html},
    {"markupsafe.escape", html},
    {"flask.escape", html},
    {"jinja2.escape", html},
    {"django.utils.html.escape", html},
    {"django.utils.html.conditional_escape", html},
    {"django.utils.html.format_html", html},
    {"xml.sax.saxutils.escape", html},
    {"bleach.clean", html},
    // Templates rendered with autoescaping, and JSON responses, are not HTML built from data.
    {"flask.render_template", html},
    {"flask.render_template_string", html}, // its own source is the template sink
    {"flask.templating.render_template", html},
    {"django.shortcuts.render", html},
    {"django.template.loader.render_to_string", html},
    {"flask.jsonify", html},
    {"django.http.JsonResponse", html},
    // Shell quoting protects shell commands only.
    {"shlex.quote", sink_bit(SinkKind::Command)},
    {"pipes.quote", sink_bit(SinkKind::Command)},
    // File names without directories.
    {"os.path.basename", sink_bit(SinkKind::Path)},
    {"werkzeug.utils.secure_filename", sink_bit(SinkKind::Path)},
    {"django.utils._os.safe_join", sink_bit(SinkKind::Path)},
    {"werkzeug.security.safe_join", sink_bit(SinkKind::Path)},
    {"flask.safe_join", sink_bit(SinkKind::Path)},
    {"werkzeug.secure_filename", sink_bit(SinkKind::Path)},
    {"django.utils.text.get_valid_filename", sink_bit(SinkKind::Path)},
    // LDAP filter escaping.
    {"ldap.filter.escape_filter_chars", sink_bit(SinkKind::Ldap)},
    {"ldap3.utils.conv.escape_filter_chars", sink_bit(SinkKind::Ldap)},
    // A pattern that matches itself literally.
    {"re.escape", sink_bit(SinkKind::Regex)},
    // JSON text holds no newline a log reader could take for a new entry.
    {"json.dumps", sink_bit(SinkKind::Log)},
};

constexpr std::string_view builtin_path_normalizers[] = {
    "os.path.realpath", "os.path.abspath", "os.path.normpath", "resolve", "absolute",
};

// Calls after which the request (or the program) does not go on.
constexpr std::string_view builtin_no_return[] = {
    "flask.abort",
    "werkzeug.exceptions.abort",
    "quart.abort",
    "fastapi.HTTPException",
    "sys.exit",
    "os._exit",
    "exit",
    "quit",
    "bottle.abort",
    "aiohttp.web.HTTPBadRequest",
    "django.core.exceptions.PermissionDenied",
    "django.core.exceptions.SuspiciousOperation",
};

constexpr std::string_view builtin_validators[] = {
    "django.utils.translation.check_for_language",
};

// Calls whose result carries no untrusted data even when an argument does: sizes, truth
// values, identities, and file objects (what a file holds is not what the client sent).
constexpr std::string_view builtin_clean_results[] = {
    "len",
    "isinstance",
    "issubclass",
    "hasattr",
    "callable",
    "id",
    "hash",
    "type",
    "ord",
    "abs",
    "round",
    "sum",
    "min",
    "max",
    "any",
    "all",
    "open",
    "io.open",
    "codecs.open",
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.path.getsize",
    "os.path.islink",
    "os.stat",
    "os.access",
    "hmac.compare_digest",
    "secrets.compare_digest",
    "hashlib.sha256",
    "hashlib.sha512",
    "hashlib.md5",
    "hashlib.sha1",
    // Rows the database returns for a lookup are the database's, not the request's.
    "django.shortcuts.get_object_or_404",
    "django.shortcuts.get_list_or_404",
};

} // namespace

std::string_view source_kind_name(SourceKind kind) {
    switch (kind) {
    case Remote:
        return "remote";
    case Local:
        return "local";
    case Environment:
        return "environment";
    }
    return "";
}

SourceKinds source_kind_from_name(std::string_view name) {
    for (const SourceKind kind : {Remote, Local, Environment}) {
        if (source_kind_name(kind) == name) {
            return kind;
        }
    }
    return 0;
}

std::string_view sink_kind_name(SinkKind kind) {
    switch (kind) {
    case SinkKind::Sql:
        return "sql";
    case SinkKind::Command:
        return "command";
    case SinkKind::Code:
        return "code";
    case SinkKind::Path:
        return "path";
    case SinkKind::Ssrf:
        return "ssrf";
    case SinkKind::Redirect:
        return "redirect";
    case SinkKind::Xss:
        return "xss";
    case SinkKind::Template:
        return "template";
    case SinkKind::Deserialization:
        return "deserialization";
    case SinkKind::Ldap:
        return "ldap";
    case SinkKind::Xpath:
        return "xpath";
    case SinkKind::Header:
        return "header";
    case SinkKind::Log:
        return "log";
    case SinkKind::TrustBoundary:
        return "trust-boundary";
    case SinkKind::Regex:
        return "regex";
    case SinkKind::Count:
        break;
    }
    return "";
}

std::optional<SinkKind> sink_kind_from_name(std::string_view name) {
    for (unsigned i = 0; i < static_cast<unsigned>(SinkKind::Count); ++i) {
        if (sink_kind_name(static_cast<SinkKind>(i)) == name) {
            return static_cast<SinkKind>(i);
        }
    }
    return std::nullopt;
}

const Models& Models::builtin() {
    static const Models models{
        .name_sources = builtin_name_sources,
        .call_sources = builtin_call_sources,
        .method_sources = builtin_method_sources,
        .request_objects = builtin_request_objects,
        .sinks = builtin_sinks,
        .sanitizers = builtin_sanitizers,
        .path_normalizers = builtin_path_normalizers,
        .no_return = builtin_no_return,
        .validators = builtin_validators,
        .clean_results = builtin_clean_results,
        .extra_source_names = {},
        .extra_sinks = {},
        .extra_sanitizers = {},
    };
    return models;
}

} // namespace vigil::analysis::models
