// What untrusted data is, where it does harm and what makes it safe, declared once as data:
// sources (with the kind of data each gives), sinks (with the kind of harm), sanitizers (with the
// sink kinds each protects) and the calls that end a request. The flow engine (analysis/flow/)
// reads these tables and knows no framework; flow rules name a sink kind and the source kinds
// they accept (CodeQL's way: a source kind and a sink kind, not sources repeated in each rule).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::models {

// Kinds of untrusted data, as bits.
enum SourceKind : std::uint8_t {
    Remote = 1u << 0,      // a request, a socket, a response from another server
    Local = 1u << 1,       // the command line, standard input
    Environment = 1u << 2, // environment variables
};
using SourceKinds = std::uint8_t;
constexpr SourceKinds all_source_kinds = Remote | Local | Environment;

std::string_view source_kind_name(SourceKind kind); // "remote", "local", "environment"
// Parses "remote", "local", "environment"; 0 for anything else.
SourceKinds source_kind_from_name(std::string_view name);

// Kinds of harm: each flow rule reports one.
enum class SinkKind : std::uint8_t {
    Sql,
    Command,
    Code,
    Path,
    Ssrf,
    Redirect,
    Xss,
    Template,
    Deserialization,
    Ldap,
    Xpath,
    Header,
    Log,
    TrustBoundary,
    Regex,
    Count,
};
using SinkKinds = std::uint32_t; // bits by SinkKind
constexpr SinkKinds sink_bit(SinkKind kind) {
    return 1u << static_cast<unsigned>(kind);
}
constexpr SinkKinds all_sink_kinds = (1u << static_cast<unsigned>(SinkKind::Count)) - 1;
std::string_view sink_kind_name(SinkKind kind); // "sql", "command", ...
std::optional<SinkKind> sink_kind_from_name(std::string_view name);

// --- Sources ----------------------------------------------------------------------------------

// Parts of a request that the client sends but cannot point elsewhere: the path of this very
// request, a host the framework validated. Safe as a redirect target, a URL's host or a header.
struct PartlySafe {
    std::string_view attribute;
    SinkKinds safe_for;
};

// An expression whose qualified name is `name` or starts with `name.` reads untrusted data
// (`flask.request.args`, `sys.argv`, `os.environ.get`), unless the attribute right after `name`
// is in `safe` (`flask.request.method`).
struct NameSource {
    std::string_view name;
    SourceKind kind;
    std::span<const std::string_view> safe = {};
    std::span<const PartlySafe> partly_safe = {};
};

// A call whose qualified name is `name` returns untrusted data (`input`, `os.getenv`).
struct CallSource {
    std::string_view name;
    SourceKind kind;
};

// A method of any receiver that returns data from the network (`sock.recv(...)`).
struct MethodSource {
    std::string_view method;
    SourceKind kind;
    std::span<const std::string_view> evidence = {}; // as Sink::evidence
};

// How a framework hands the request to a handler.
enum class HandlerKind : std::uint8_t {
    DjangoView,      // a function whose parameter `request` (after `self`) is an HttpRequest
    AiohttpHandler,  // `async def handler(request)` in a module that imports aiohttp
    HttpServer,      // methods of a BaseHTTPRequestHandler subclass: `self` carries the request
    RouteParameters, // @app.route / @router.get ...: every parameter comes from the request
};

// The attributes of a request object that hold what the client sent.
struct RequestObject {
    HandlerKind handler;
    std::span<const std::string_view> attributes;
    std::span<const PartlySafe> partly_safe = {};
};

// --- Sinks ------------------------------------------------------------------------------------

// When a call is a sink only in some forms.
enum class SinkCondition : std::uint8_t {
    Always,
    ShellTrue,      // only with shell=<true> (subprocess)
    UnsafeYamlLoad, // yaml.load without a safe Loader
    ShellDashC,     // an argv list that runs a shell: ["sh", "-c", command]
    Manager,        // a method of a Django manager or queryset (`Model.objects.raw`)
};

// A call that does harm with untrusted data in one argument. `callee` is a qualified name, or a
// method name when `method` is set (any receiver: `cursor.execute`). `position` -1 with an empty
// keyword means every argument.
struct Sink {
    std::string_view callee;
    SinkKind kind;
    int position;
    std::string_view keyword = {};
    bool method = false;
    SinkCondition condition = SinkCondition::Always;
    // For a method sink: modules one of which the file must import for the method to be this
    // one (`search` is LDAP's only where ldap or ldap3 is imported); empty for any file.
    std::span<const std::string_view> evidence = {};
};

// --- Sanitizers -------------------------------------------------------------------------------

// A call whose result is safe for the sink kinds in `protects` (all of them for int(), the HTML
// sinks only for html.escape).
struct Sanitizer {
    std::string_view callee;
    SinkKinds protects;
    bool method = false;
};

// Everything the engine reads, with the user's additions from `[tool.vigil]`.
struct Models {
    std::span<const NameSource> name_sources;
    std::span<const CallSource> call_sources;
    std::span<const MethodSource> method_sources;
    std::span<const RequestObject> request_objects;
    std::span<const Sink> sinks;
    std::span<const Sanitizer> sanitizers;
    std::span<const std::string_view> path_normalizers; // realpath, abspath, normpath, resolve
    std::span<const std::string_view> no_return;        // abort(), sys.exit() end the request
    // Predicates whose truth means their first argument is one of a known set of values
    // (`check_for_language(code)`): where they held, it is safe for every sink.
    std::span<const std::string_view> validators;
    std::span<const std::string_view> clean_results; // len(), open(): results carry nothing

    // The user's rows, by qualified name (kept alive here; the spans above do not see them).
    std::vector<std::string> extra_source_names;
    std::vector<std::pair<std::string, SinkKind>> extra_sinks;
    std::vector<std::string> extra_sanitizers; // protect every kind

    // The tables above, without user rows.
    static const Models& builtin();
};

} // namespace vigil::analysis::models
