// B301-B323: calls to functions that are unsafe by nature (Bandit's call blacklist). One table,
// one shared check; each code is still its own rule with its own documentation.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/blacklist/blacklist.hpp"
#include "analysis/rules/xss/safe_markup.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil::analysis::rules {

namespace {

using blacklist::Entry;
using blacklist::Replacement;
using blacklist::with_name;

// When a replacement keeps a call's meaning only for some argument lists.
bool one_positional_only(const SemanticModel&, const CallView& call) {
    return call.positional.size() == 1 && call.keywords.empty() && !call.has_star_args &&
           !call.has_star_kwargs;
}

bool keywords_only(const SemanticModel&, const CallView& call) {
    return call.positional.empty() && !call.has_star_args;
}

bool no_arguments(const SemanticModel&, const CallView& call) {
    return call.positional.empty() && call.keywords.empty() && !call.has_star_args &&
           !call.has_star_kwargs;
}

// defusedxml.sax.parseString reads its text through BytesIO: bytes only, where the standard
// library also takes str. A bytes literal or an .encode(...) result is bytes.
bool bytes_first_argument(const SemanticModel& model, const CallView& call) {
    const TSNode text = call.argument(0, "string");
    if (ts_node_is_null(text)) {
        return false;
    }
    const std::string_view type = syntax::node_type(text);
    if (type == "string") {
        const std::string_view source = model.text(text);
        const std::size_t quote = source.find_first_of("'\"");
        const std::string_view prefix = source.substr(0, quote);
        return prefix.find_first_of("bB") != std::string_view::npos;
    }
    if (type == "call") {
        const TSNode callee = syntax::child_by_field(text, "function");
        return model.method_name(callee) == "encode";
    }
    return false;
}

// ssl.create_default_context(purpose=..., *, cafile=..., capath=..., cadata=...): the unverified
// context's first positional is the protocol, and cert_reqs/check_hostname/certfile/keyfile are
// its own.
bool default_context_arguments(const SemanticModel&, const CallView& call) {
    if (!call.positional.empty() || call.has_star_args || call.has_star_kwargs) {
        return false;
    }
    return std::all_of(call.keywords.begin(), call.keywords.end(), [](const auto& keyword) {
        return keyword.first == "purpose" || keyword.first == "cafile" ||
               keyword.first == "capath" || keyword.first == "cadata";
    });
}

constexpr std::string_view xml_message =
    "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace "
    "{name} with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is "
    "called";

// tempfile.mktemp(suffix, prefix, dir) -> tempfile.NamedTemporaryFile(suffix=..., prefix=...,
// dir=..., delete=False).name. Positional arguments become keywords, since the two functions order
// them differently; a call with *args or **kwargs is left alone.
std::string named_temporary_file_name(const SemanticModel& model, const CallView& call,
                                      std::string_view to) {
    if (call.has_star_args || call.has_star_kwargs || call.positional.size() > 3) {
        return {};
    }
    constexpr std::string_view parameters[] = {"suffix", "prefix", "dir"};
    std::string arguments;
    for (std::size_t i = 0; i < call.positional.size(); ++i) {
        arguments += std::string(parameters[i]) + "=" + std::string(model.text(call.positional[i]));
        arguments += ", ";
    }
    for (const auto& [name, value] : call.keywords) {
        arguments += std::string(name) + "=" + std::string(model.text(value)) + ", ";
    }
    return std::string(to) + "(" + arguments + "delete=False).name";
}

const Entry entries[] = {
    {"B301",
     {"pickle.loads", "pickle.load", "pickle.Unpickler", "dill.loads", "dill.load",
      "dill.Unpickler", "shelve.open", "shelve.DbfilenameShelf", "jsonpickle.decode",
      "jsonpickle.unpickler.decode", "jsonpickle.unpickler.Unpickler", "pandas.read_pickle"},
     "Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, "
     "possible security issue ({name})."},
    {"B302",
     {"marshal.load", "marshal.loads"},
     "Deserialization with the marshal module is possibly dangerous ({name})."},
    {"B303",
     {"Crypto.Hash.MD2.new", "Crypto.Hash.MD4.new", "Crypto.Hash.MD5.new", "Crypto.Hash.SHA.new",
      "Cryptodome.Hash.MD2.new", "Cryptodome.Hash.MD4.new", "Cryptodome.Hash.MD5.new",
      "Cryptodome.Hash.SHA.new", "cryptography.hazmat.primitives.hashes.MD5",
      "cryptography.hazmat.primitives.hashes.SHA1"},
     "Use of insecure MD2, MD4, MD5, or SHA1 hash function ({name})."},
    {"B304",
     {"Crypto.Cipher.ARC2.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.Blowfish.new",
      "Crypto.Cipher.DES.new", "Crypto.Cipher.XOR.new", "Cryptodome.Cipher.ARC2.new",
      "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.Blowfish.new", "Cryptodome.Cipher.DES.new",
      "Cryptodome.Cipher.XOR.new", "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
      "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
      "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
      "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
      "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
      "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES"},
     "Use of insecure cipher {name}. Replace with a known secure cipher such as AES."},
    {"B305",
     {"cryptography.hazmat.primitives.ciphers.modes.ECB"},
     "Use of insecure cipher mode {name}."},
    {"B306",
     {"tempfile.mktemp"},
     "Use of insecure and deprecated function (mktemp).",
     {
         // The file is created at once (O_EXCL) and its name kept, so `path` stays a str; the
         // file object is dropped, which closes it. Unsafe: the file now exists.
         {.from = "tempfile.mktemp",
          .to = "tempfile.NamedTemporaryFile",
          .module = "tempfile",
          .rewrite = named_temporary_file_name,
          .title = "Create the file now: NamedTemporaryFile(delete=False).name"},
     }},
    {"B308",
     {"django.utils.safestring.mark_safe", "django.utils.html.mark_safe"},
     "Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed."},
    {"B310",
     {"urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.URLopener",
      "urllib.request.FancyURLopener", "six.moves.urllib.request.urlopen",
      "six.moves.urllib.request.urlretrieve", "six.moves.urllib.request.URLopener",
      "six.moves.urllib.request.FancyURLopener"},
     "Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often "
     "unexpected ({name})."},
    {"B311",
     {"random.Random", "random.random", "random.randrange", "random.randint", "random.choice",
      "random.choices", "random.uniform", "random.triangular", "random.randbytes", "random.sample",
      "random.getrandbits"},
     "Standard pseudo-random generators are not suitable for security/cryptographic purposes "
     "({name}).",
     {
         // Same meaning, from the operating system's generator. Not random.random, uniform,
         // randint, sample...: secrets has no function that means the same.
         {.from = "random.choice", .to = "secrets.choice", .module = "secrets"},
         {.from = "random.randrange",
          .to = "secrets.randbelow",
          .module = "secrets",
          .applies = one_positional_only}, // randrange(stop) only
         {.from = "random.getrandbits", .to = "secrets.randbits", .module = "secrets"},
         {.from = "random.randbytes",
          .to = "secrets.token_bytes",
          .module = "secrets",
          .applies = one_positional_only}, // token_bytes(None) has a default length
     }},
    {"B312",
     {"telnetlib.Telnet"},
     "Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some "
     "other encrypted protocol."},
    {"B313",
     {"xml.etree.cElementTree.parse", "xml.etree.cElementTree.iterparse",
      "xml.etree.cElementTree.fromstring", "xml.etree.cElementTree.XMLParser"},
     xml_message,
     {
         {.from = "xml.etree.cElementTree.parse",
          .to = "defusedxml.ElementTree.parse",
          .module = "defusedxml.ElementTree"},
         {.from = "xml.etree.cElementTree.iterparse",
          .to = "defusedxml.ElementTree.iterparse",
          .module = "defusedxml.ElementTree"},
         {.from = "xml.etree.cElementTree.fromstring",
          .to = "defusedxml.ElementTree.fromstring",
          .module = "defusedxml.ElementTree",
          .applies = one_positional_only},
         {.from = "xml.etree.cElementTree.XMLParser",
          .to = "defusedxml.ElementTree.XMLParser",
          .module = "defusedxml.ElementTree",
          .applies = keywords_only},
     }},
    {"B314",
     {"xml.etree.ElementTree.parse", "xml.etree.ElementTree.iterparse",
      "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XMLParser"},
     xml_message,
     {
         {.from = "xml.etree.ElementTree.parse",
          .to = "defusedxml.ElementTree.parse",
          .module = "defusedxml.ElementTree"},
         {.from = "xml.etree.ElementTree.iterparse",
          .to = "defusedxml.ElementTree.iterparse",
          .module = "defusedxml.ElementTree"},
         {.from = "xml.etree.ElementTree.fromstring",
          .to = "defusedxml.ElementTree.fromstring",
          .module = "defusedxml.ElementTree",
          .applies = one_positional_only},
         {.from = "xml.etree.ElementTree.XMLParser",
          .to = "defusedxml.ElementTree.XMLParser",
          .module = "defusedxml.ElementTree",
          .applies = keywords_only},
     }},
    {"B315",
     {"xml.sax.expatreader.create_parser"},
     xml_message,
     {
         {.from = "xml.sax.expatreader.create_parser",
          .to = "defusedxml.expatreader.create_parser",
          .module = "defusedxml.expatreader"},
     }},
    {"B316",
     {"xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString"},
     xml_message,
     {
         {.from = "xml.dom.expatbuilder.parse",
          .to = "defusedxml.expatbuilder.parse",
          .module = "defusedxml.expatbuilder"},
         {.from = "xml.dom.expatbuilder.parseString",
          .to = "defusedxml.expatbuilder.parseString",
          .module = "defusedxml.expatbuilder"},
     }},
    {"B317",
     {"xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser"},
     xml_message,
     {
         {.from = "xml.sax.parse", .to = "defusedxml.sax.parse", .module = "defusedxml.sax"},
         {.from = "xml.sax.parseString",
          .to = "defusedxml.sax.parseString",
          .module = "defusedxml.sax",
          .applies = bytes_first_argument},
         {.from = "xml.sax.make_parser",
          .to = "defusedxml.sax.make_parser",
          .module = "defusedxml.sax",
          .applies = no_arguments}, // defusedxml's ignores parser_list
     }},
    {"B318",
     {"xml.dom.minidom.parse", "xml.dom.minidom.parseString"},
     xml_message,
     {
         {.from = "xml.dom.minidom.parse",
          .to = "defusedxml.minidom.parse",
          .module = "defusedxml.minidom"},
         {.from = "xml.dom.minidom.parseString",
          .to = "defusedxml.minidom.parseString",
          .module = "defusedxml.minidom"},
     }},
    {"B319",
     {"xml.dom.pulldom.parse", "xml.dom.pulldom.parseString"},
     xml_message,
     {
         {.from = "xml.dom.pulldom.parse",
          .to = "defusedxml.pulldom.parse",
          .module = "defusedxml.pulldom"},
         {.from = "xml.dom.pulldom.parseString",
          .to = "defusedxml.pulldom.parseString",
          .module = "defusedxml.pulldom"},
     }},
    {"B321",
     {"ftplib.FTP"},
     "FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or "
     "some other encrypted protocol."},
    {"B323",
     {"ssl._create_unverified_context"},
     "By default, Python will create a secure, verified ssl context for use in such classes as "
     "HTTPSConnection. However, it still allows using an insecure context via the "
     "_create_unverified_context that reverts to the previous behavior that does not validate "
     "certificates or perform hostname checks.",
     {
         {.from = "ssl._create_unverified_context",
          .to = "ssl.create_default_context",
          .module = "ssl",
          .applies = default_context_arguments},
     }},
};

constexpr std::string_view kinds[] = {"call"};

// The entry's replacement for `name`, when it keeps this call's meaning: the callee renamed, and
// the module it needs imported.
std::vector<Fix> replacement_fixes(const Entry& entry, const RuleContext& context,
                                   const CallView& view, std::string_view name) {
    for (const Replacement& replacement : entry.replacements) {
        if (replacement.from != name) {
            continue;
        }
        if (replacement.applies && !replacement.applies(context.model(), view)) {
            return {};
        }
        const SemanticModel& model = context.model();
        TextEdit edit = replace_node(view.callee, std::string(replacement.to));
        if (replacement.rewrite) {
            std::string call = replacement.rewrite(model, view, replacement.to);
            if (call.empty()) {
                return {};
            }
            edit = replace_node(view.call, std::move(call));
        }
        Fix fix{.title = replacement.title.empty() ? "Use " + std::string(replacement.to)
                                                   : std::string(replacement.title),
                .applicability = replacement.applicability,
                .edits = {std::move(edit)}};
        if (auto import = add_import(model, model.root(), replacement.module)) {
            fix.edits.push_back(std::move(*import));
        }
        return {std::move(fix)};
    }
    return {};
}

// Every listed name -> its entry. Each of these rules runs on every call, so this is one hash
// lookup per call and rule instead of a scan of every list.
const std::unordered_map<std::string_view, const Entry*>& entry_by_name() {
    static const auto table = [] {
        std::unordered_map<std::string_view, const Entry*> by_name;
        for (const Entry& entry : entries) {
            for (std::string_view name : entry.names) {
                by_name.emplace(name, &entry);
            }
        }
        return by_name;
    }();
    return table;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call); // shared by every rule that looks at this call
    const std::string& name = model.qualified_name(view.callee);
    const auto found = entry_by_name().find(name);
    if (found == entry_by_name().end() || found->second->code != context.rule().code) {
        return;
    }
    const Entry* entry = found->second;
    if (entry->code == "B310") {
        // Like ruff: a literal http(s) URL cannot be a file: or custom scheme.
        if (const auto url = model.string_value(view.argument(0, "url"))) {
            if (url->starts_with("http://") || url->starts_with("https://")) {
                return;
            }
        }
    }
    if (entry->code == "B308" && xss::is_own_text(model, view.argument(0, "s"))) {
        return; // the programmer's own markup (a literal, or built only from literals), not input
    }
    context.report(view.callee, {.message = with_name(entry->message, name),
                                 .fixes = replacement_fixes(*entry, context, view, name)});
}

constexpr std::string_view deserialization_refs =
    "- https://docs.python.org/3/library/pickle.html\n"
    "- https://cwe.mitre.org/data/definitions/502.html";
constexpr std::string_view xml_what =
    "Flags parsing functions of the standard library's XML modules, which expand entities and are "
    "open to billion-laughs and similar attacks on untrusted documents.";
constexpr std::string_view xml_why =
    "An attacker-supplied XML document can exhaust memory and CPU with nested entity expansion "
    "(and, with some parsers, reach external resources).";
constexpr std::string_view xml_instead =
    "Use the `defusedxml` equivalent:\n\n```python\nfrom defusedxml.ElementTree import parse\n\n"
    "tree = parse(upload)\n```\n\nA quick fix calls the defusedxml function of the same name "
    "(`defusedxml.ElementTree`, `.sax`, `.minidom`, `.pulldom`, `.expatbuilder`, `.expatreader`) "
    "and imports its module. It is not applied automatically: it adds a dependency. It is not "
    "offered where defusedxml's function would read the arguments differently: `fromstring` "
    "with more than the text (defusedxml's has no `parser`), `XMLParser` with positional "
    "arguments, `make_parser` with a parser list, `xml.sax.parseString` unless the text is "
    "bytes (defusedxml's does not take str).";
constexpr std::string_view xml_refs =
    "- https://docs.python.org/3/library/xml.html#xml-vulnerabilities\n"
    "- https://pypi.org/project/defusedxml/\n"
    "- https://cwe.mitre.org/data/definitions/20.html";
constexpr std::string_view xml_vs_bandit =
    "Same functions as Bandit; names are resolved through imports and aliases (`from xml.sax "
    "import parse as p` is found), which Bandit does only partly.";

// The last part of every listed name: each of these rules runs only on calls ending so.
std::span<const std::string_view> listed_callee_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> last_parts;
        for (const Entry& entry : entries) {
            for (std::string_view name : entry.names) {
                const std::string_view last = name.substr(name.rfind('.') + 1);
                if (std::find(last_parts.begin(), last_parts.end(), last) == last_parts.end()) {
                    last_parts.push_back(last);
                }
            }
        }
        return last_parts;
    }();
    return names;
}

Rule blacklist_rule(std::string_view code, std::string_view name, std::string_view bandit_name,
                    std::string_view ruff, int cwe, Level severity, std::uint8_t profiles,
                    RuleDoc doc) {
    return blacklist::make_rule(code, name, bandit_name, ruff, cwe, severity, profiles, kinds,
                                check, doc, listed_callee_names());
}

} // namespace

extern const Rule pickle_calls = blacklist_rule(
    "B301", "suspicious-pickle-usage", "pickle", "S301", 502, Level::Medium, ProfileAll,
    {.what = "Flags deserialization with `pickle`, `dill`, `shelve`, `jsonpickle` and "
             "`pandas.read_pickle`.",
     .why = "Unpickling runs code chosen by whoever wrote the data: a pickle from an untrusted "
            "source is remote code execution.",
     .example = "```python\nimport pickle\n\nsession = pickle.loads(cookie_value)\n```",
     .use_instead =
         "Use a data-only format such as JSON for anything that crosses a trust "
         "boundary:\n\n```python\nimport json\n\nsession = json.loads(cookie_value)\n```",
     .references = deserialization_refs,
     .vs_bandit = "Same functions; aliases and `from pickle import loads` are resolved."});

extern const Rule marshal_calls = blacklist_rule(
    "B302", "suspicious-marshal-usage", "marshal", "S302", 502, Level::Medium, ProfileAll,
    {.what = "Flags `marshal.load` and `marshal.loads`.",
     .why = "`marshal` is an internal format for Python's own bytecode; it is not safe against "
            "erroneous or malicious data.",
     .example = "```python\nimport marshal\n\ncode = marshal.loads(received)\n```",
     .use_instead = "Use JSON (or another data-only format) for data from outside.",
     .references = "- https://docs.python.org/3/library/marshal.html\n"
                   "- https://cwe.mitre.org/data/definitions/502.html",
     .vs_bandit = ""});

extern const Rule weak_hash_calls = blacklist_rule(
    "B303", "suspicious-insecure-hash-usage", "md5", "S303", 327, Level::Medium, ProfileAll,
    {.what = "Flags MD2, MD4, MD5 and SHA-1 from PyCrypto, PyCryptodome and `cryptography`.",
     .why = "These hashes have practical collision attacks; signatures, integrity checks and "
            "password storage built on them can be forged.",
     .example = "```python\nfrom Crypto.Hash import MD5\n\ndigest = MD5.new(data).hexdigest()\n```",
     .use_instead = "SHA-256 or better (`hashlib.sha256`, `hashes.SHA256()`), and a password "
                    "hash (`hashlib.scrypt`, argon2) for passwords.",
     .references = "- https://cwe.mitre.org/data/definitions/327.html",
     .vs_bandit = "`hashlib.md5` and `hashlib.sha1` are B324, as in Bandit 1.8+."});

extern const Rule weak_cipher_calls = blacklist_rule(
    "B304", "suspicious-insecure-cipher-usage", "ciphers", "S304", 327, Level::High, ProfileAll,
    {.what = "Flags ARC2, ARC4, Blowfish, CAST5, DES, IDEA, SEED, TripleDES and XOR ciphers.",
     .why = "These ciphers are broken or have block sizes small enough for practical attacks "
            "(Sweet32) on long-lived keys.",
     .example =
         "```python\nfrom Crypto.Cipher import DES\n\ncipher = DES.new(key, DES.MODE_CBC, iv)\n```",
     .use_instead = "AES-GCM or ChaCha20-Poly1305, e.g. `cryptography`'s `AESGCM`.",
     .references = "- https://cwe.mitre.org/data/definitions/327.html",
     .vs_bandit = ""});

extern const Rule ecb_mode_calls = blacklist_rule(
    "B305", "suspicious-insecure-cipher-mode-usage", "cipher_modes", "S305", 327, Level::Medium,
    ProfileAll,
    {.what = "Flags the ECB mode of `cryptography`.",
     .why = "ECB encrypts equal blocks to equal ciphertext, so the structure of the plaintext "
            "shows through.",
     .example = "```python\nfrom cryptography.hazmat.primitives.ciphers import Cipher, algorithms, "
                "modes\n\n"
                "cipher = Cipher(algorithms.AES(key), modes.ECB())\n```",
     .use_instead = "An authenticated mode: `modes.GCM(nonce)`, or `AESGCM`.",
     .references = "- https://cwe.mitre.org/data/definitions/327.html",
     .vs_bandit = ""});

extern const Rule mktemp_calls = blacklist_rule(
    "B306", "suspicious-mktemp-usage", "mktemp_q", "S306", 377, Level::Medium, ProfileAll,
    {.what = "Flags `tempfile.mktemp`.",
     .why = "`mktemp` returns a name that does not exist yet; another process can create it "
            "between the check and the use (a race that leads to file overwrites).",
     .example = "```python\nimport tempfile\n\npath = tempfile.mktemp()\n```",
     .use_instead = "```python\nimport tempfile\n\nwith tempfile.NamedTemporaryFile() as handle:\n "
                    "   ...\n```\n\nThe quick fix keeps a path in hand: `tempfile.mktemp(...)` "
                    "becomes `tempfile.NamedTemporaryFile(..., delete=False).name`, which creates "
                    "the file at once, exclusively, and returns its name. It is not applied "
                    "automatically: the file now exists, so code that expects to create it "
                    "itself (`os.mkdir(path)`, `open(path, \"x\")`) has to change, and "
                    "nothing deletes it.",
     .references = "- https://docs.python.org/3/library/tempfile.html#tempfile.mktemp\n"
                   "- https://cwe.mitre.org/data/definitions/377.html",
     .vs_bandit = ""});

extern const Rule mark_safe_calls = blacklist_rule(
    "B308", "suspicious-mark-safe-usage", "mark_safe", "S308", 79, Level::Medium, ProfileAll,
    {.what = "Flags Django's `mark_safe` called on text that is not provably written in the file "
             "(a string literal, or text built only from literals).",
     .why = "`mark_safe` turns off HTML escaping; with user input inside, that is cross-site "
            "scripting.",
     .example = "```python\nfrom django.utils.safestring import mark_safe\n\n"
                "html = mark_safe(f\"<b>{comment}</b>\")\n```",
     .use_instead = "```python\nfrom django.utils.html import format_html\n\n"
                    "html = format_html(\"<b>{}</b>\", comment)\n```",
     .references =
         "- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe\n"
         "- https://cwe.mitre.org/data/definitions/79.html",
     .vs_bandit = "Bandit flags every call; like ruff, Vigil leaves a string literal alone (it is "
                  "the programmer's own markup), and, with B703's analysis, text built only from "
                  "literals: a name assigned only literals before the call, or `.format`, `%`, "
                  "`+` and f-strings of those."});

extern const Rule urlopen_calls = blacklist_rule(
    "B310", "suspicious-url-open-usage", "urllib_urlopen", "S310", 22, Level::Medium, ProfileAll,
    {.what = "Flags `urllib.request.urlopen`, `urlretrieve` and the URL openers, unless the URL "
             "is a literal `http://` or `https://` URL.",
     .why = "These functions also open `file://` and custom schemes: a URL taken from input can "
            "read local files.",
     .example = "```python\nfrom urllib.request import urlopen\n\npage = "
                "urlopen(request.args[\"url\"])\n```",
     .use_instead = "Check the scheme first (`urllib.parse.urlparse(url).scheme in {\"http\", "
                    "\"https\"}`), or use `requests`, which only speaks HTTP(S).",
     .references = "- https://docs.python.org/3/library/urllib.request.html\n"
                   "- https://cwe.mitre.org/data/definitions/22.html",
     .vs_bandit = "Like ruff, a literal http(s) URL is not flagged; Bandit flags every call."});

extern const Rule random_calls = blacklist_rule(
    "B311", "suspicious-non-cryptographic-random-usage", "random", "S311", 330, Level::Low,
    ProfileBandit,
    {.what = "Flags the `random` module's generators.",
     .why = "`random` is predictable: tokens, passwords or nonces made with it can be guessed.",
     .example = "```python\nimport random\n\ntoken = \"\".join(random.choice(ALPHABET) for _ in "
                "range(32))\n```",
     .use_instead = "```python\nimport secrets\n\ntoken = secrets.token_urlsafe(32)\n```\n\n"
                    "Quick fixes replace the calls `secrets` has an exact equivalent for: "
                    "`random.choice` with `secrets.choice`, `random.getrandbits` with "
                    "`secrets.randbits`, one-argument `random.randrange(n)` with "
                    "`secrets.randbelow(n)` and `random.randbytes(n)` with "
                    "`secrets.token_bytes(n)` (adding `import secrets`). They are not applied "
                    "automatically: the author may want reproducible (seeded) randomness.",
     .references = "- https://docs.python.org/3/library/secrets.html\n"
                   "- https://cwe.mitre.org/data/definitions/330.html",
     .vs_bandit = "In the `bandit` profile only: most uses of `random` (simulations, jitter, "
                  "tests) are not security-relevant, and flagging them all hides real findings."});

extern const Rule telnet_calls = blacklist_rule(
    "B312", "suspicious-telnet-usage", "telnetlib", "S312", 319, Level::High, ProfileAll,
    {.what = "Flags `telnetlib.Telnet`.",
     .why = "Telnet sends everything, passwords included, in clear text.",
     .example = "```python\nimport telnetlib\n\nsession = telnetlib.Telnet(host)\n```",
     .use_instead = "SSH (e.g. `paramiko` with host key checking).",
     .references = "- https://cwe.mitre.org/data/definitions/319.html",
     .vs_bandit = ""});

extern const Rule celementtree_calls = blacklist_rule(
    "B313", "suspicious-xmlc-element-tree-usage", "xml_bad_cElementTree", "S313", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example = "```python\nimport xml.etree.cElementTree as ET\n\ntree = ET.parse(upload)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule elementtree_calls = blacklist_rule(
    "B314", "suspicious-xml-element-tree-usage", "xml_bad_ElementTree", "S314", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example = "```python\nimport xml.etree.ElementTree as ET\n\nroot = ET.fromstring(body)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule expatreader_calls = blacklist_rule(
    "B315", "suspicious-xml-expat-reader-usage", "xml_bad_expatreader", "S315", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example =
         "```python\nfrom xml.sax import expatreader\n\nparser = expatreader.create_parser()\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule expatbuilder_calls = blacklist_rule(
    "B316", "suspicious-xml-expat-builder-usage", "xml_bad_expatbuilder", "S316", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example =
         "```python\nfrom xml.dom import expatbuilder\n\ndoc = expatbuilder.parseString(body)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule sax_calls = blacklist_rule(
    "B317", "suspicious-xml-sax-usage", "xml_bad_sax", "S317", 20, Level::Medium, ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example = "```python\nimport xml.sax\n\nxml.sax.parseString(body, handler)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule minidom_calls = blacklist_rule(
    "B318", "suspicious-xml-mini-dom-usage", "xml_bad_minidom", "S318", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example = "```python\nfrom xml.dom import minidom\n\ndoc = minidom.parseString(body)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule pulldom_calls = blacklist_rule(
    "B319", "suspicious-xml-pull-dom-usage", "xml_bad_pulldom", "S319", 20, Level::Medium,
    ProfileAll,
    {.what = xml_what,
     .why = xml_why,
     .example = "```python\nfrom xml.dom import pulldom\n\nevents = pulldom.parseString(body)\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = xml_vs_bandit});

extern const Rule ftp_calls = blacklist_rule(
    "B321", "suspicious-ftp-lib-usage", "ftplib", "S321", 319, Level::High, ProfileAll,
    {.what = "Flags `ftplib.FTP`.",
     .why = "FTP sends credentials and data in clear text.",
     .example = "```python\nimport ftplib\n\nftp = ftplib.FTP(host, user, password)\n```",
     .use_instead = "SFTP (e.g. `paramiko`), or at least `ftplib.FTP_TLS`.",
     .references = "- https://cwe.mitre.org/data/definitions/319.html",
     .vs_bandit = ""});

extern const Rule unverified_context_calls = blacklist_rule(
    "B323", "suspicious-unverified-context-usage", "unverified_context", "S323", 295, Level::Medium,
    ProfileAll,
    {.what = "Flags `ssl._create_unverified_context`.",
     .why = "An unverified context accepts any certificate: a man in the middle can read and "
            "change the traffic.",
     .example = "```python\nimport ssl\n\ncontext = ssl._create_unverified_context()\n```",
     .use_instead = "```python\nimport ssl\n\ncontext = ssl.create_default_context()\n```\n\n"
                    "A quick fix makes this change when the call's arguments mean the same to "
                    "`create_default_context` (none, or `purpose`, `cafile`, `capath`, "
                    "`cadata`). It is not applied automatically: connections to hosts with "
                    "self-signed or mismatched certificates start failing.",
     .references = "- https://docs.python.org/3/library/ssl.html#ssl-security\n"
                   "- https://cwe.mitre.org/data/definitions/295.html",
     .vs_bandit = ""});

} // namespace vigil::analysis::rules
