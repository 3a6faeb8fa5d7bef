// B401-B415: imports of modules to avoid (Bandit's import blacklist). Import-only warnings are
// noise for most projects, so these rules are in the `bandit` profile only.
#include "analysis/rule_context.hpp"
#include "analysis/rules/blacklist/blacklist.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <initializer_list>
#include <string>

namespace vigil::analysis::rules {

namespace {

using blacklist::Entry;
using blacklist::with_name;

constexpr std::string_view xml_import_message =
    "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace "
    "{name} with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is "
    "called.";

const Entry entries[] = {
    {"B401",
     {"telnetlib"},
     "A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some "
     "other encrypted protocol."},
    {"B402",
     {"ftplib"},
     "A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or "
     "some other encrypted protocol."},
    {"B403",
     {"pickle", "cPickle", "dill", "shelve"},
     "Consider possible security implications associated with {name} module."},
    {"B404",
     {"subprocess"},
     "Consider possible security implications associated with the subprocess module."},
    {"B405", {"xml.etree.cElementTree", "xml.etree.ElementTree"}, xml_import_message},
    {"B406", {"xml.sax"}, xml_import_message},
    {"B407", {"xml.dom.expatbuilder"}, xml_import_message},
    {"B408", {"xml.dom.minidom"}, xml_import_message},
    {"B409", {"xml.dom.pulldom"}, xml_import_message},
    {"B411",
     {"xmlrpc"},
     "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Use "
     "defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML "
     "vulnerabilities."},
    {"B412",
     {"wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript",
      "twisted.web.twcgi.CGIDirectory"},
     "Consider possible security implications associated with {name} module."},
    {"B413",
     {"Crypto.Cipher", "Crypto.Hash", "Crypto.IO", "Crypto.Protocol", "Crypto.PublicKey",
      "Crypto.Random", "Crypto.Signature", "Crypto.Util"},
     "The pyCrypto library and its module {name} are no longer actively maintained and have been "
     "deprecated. Consider using pyca/cryptography library."},
    {"B415",
     {"pyghmi"},
     "An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted "
     "protocol."},
};

// `name` is `module` or inside it, by whole dotted components ("pickletools" is not "pickle").
bool within(std::string_view name, std::string_view module) {
    return name == module ||
           (name.size() > module.size() && name.substr(0, module.size()) == module &&
            name[module.size()] == '.');
}

void report_if_listed(RuleContext& context, const Entry& entry, TSNode where,
                      std::string_view name) {
    for (std::string_view module : entry.names) {
        // `import xml` does not import xml.sax, but `from xml import sax` does.
        if (within(name, module)) {
            context.report(where, {.message = with_name(entry.message, name)});
            return;
        }
    }
}

constexpr std::string_view kinds[] = {"import_statement", "import_from_statement"};

void check(TSNode statement, RuleContext& context) {
    const Entry* entry = blacklist::entry_for(entries, context.rule().code);
    const SemanticModel& model = context.model();
    if (syntax::node_type(statement) == "import_statement") {
        for (uint32_t i = 0; i < syntax::named_child_count(statement); ++i) {
            TSNode name = syntax::named_child(statement, i);
            if (syntax::node_type(name) == "aliased_import") {
                name = syntax::child_by_field(name, "name");
            }
            report_if_listed(context, *entry, name, model.text(name));
        }
        return;
    }
    // `from pickle import loads` imports from a listed module: reported once, on the module.
    // `from xml.dom import minidom` imports a listed module: reported on the name.
    const TSNode module_node = syntax::child_by_field(statement, "module_name");
    const std::string_view module = model.text(module_node);
    if (module.empty() || module[0] == '.') {
        return; // relative imports are the project's own modules
    }
    for (std::string_view listed : entry->names) {
        if (within(module, listed)) {
            report_if_listed(context, *entry, module_node, module);
            return;
        }
    }
    for (uint32_t i = 0; i < syntax::named_child_count(statement); ++i) {
        TSNode name = syntax::named_child(statement, i);
        if (ts_node_eq(name, module_node)) {
            continue;
        }
        if (syntax::node_type(name) == "aliased_import") {
            name = syntax::child_by_field(name, "name");
        }
        if (syntax::node_type(name) == "dotted_name") {
            report_if_listed(context, *entry, name,
                             std::string(module) + "." + std::string(model.text(name)));
        }
    }
}

constexpr std::string_view xml_why =
    "The standard library's XML parsers are open to entity-expansion attacks on untrusted input; "
    "importing them is where such parsing usually starts.";
constexpr std::string_view xml_instead =
    "Import the `defusedxml` equivalent (`defusedxml.ElementTree`, "
    "`defusedxml.minidom`, ...).";
constexpr std::string_view xml_refs =
    "- https://docs.python.org/3/library/xml.html#xml-vulnerabilities\n"
    "- https://cwe.mitre.org/data/definitions/20.html";
constexpr std::string_view import_vs_bandit =
    "Bandit matches module names as string prefixes (`import pickletools` counts as pickle); "
    "Vigil matches whole dotted components, and reports every listed module of a statement, not "
    "only the first. In the `bandit` profile only.";

Rule import_rule(std::string_view code, std::string_view name, std::string_view bandit_name,
                 std::string_view ruff, int cwe, Level severity, RuleDoc doc) {
    return blacklist::make_rule(code, name, bandit_name, ruff, cwe, severity, ProfileBandit, kinds,
                                check, doc);
}

} // namespace

extern const Rule import_telnetlib =
    import_rule("B401", "suspicious-telnetlib-import", "import_telnetlib", "S401", 319, Level::High,
                {.what = "Flags imports of `telnetlib`.",
                 .why = "Telnet is unencrypted.",
                 .example = "```python\nimport telnetlib\n```",
                 .use_instead = "SSH (e.g. `paramiko`).",
                 .references = "- https://cwe.mitre.org/data/definitions/319.html",
                 .vs_bandit = import_vs_bandit});
extern const Rule import_ftplib =
    import_rule("B402", "suspicious-ftplib-import", "import_ftplib", "S402", 319, Level::High,
                {.what = "Flags imports of `ftplib`.",
                 .why = "FTP is unencrypted.",
                 .example = "```python\nimport ftplib\n```",
                 .use_instead = "SFTP, or `ftplib.FTP_TLS` at least.",
                 .references = "- https://cwe.mitre.org/data/definitions/319.html",
                 .vs_bandit = import_vs_bandit});
extern const Rule import_pickle =
    import_rule("B403", "suspicious-pickle-import", "import_pickle", "S403", 502, Level::Low,
                {.what = "Flags imports of `pickle`, `cPickle`, `dill` and `shelve`.",
                 .why = "Deserializing untrusted pickles runs arbitrary code.",
                 .example = "```python\nimport pickle\n```",
                 .use_instead = "JSON for data from outside.",
                 .references = "- https://cwe.mitre.org/data/definitions/502.html",
                 .vs_bandit = import_vs_bandit});
extern const Rule import_subprocess = import_rule(
    "B404", "suspicious-subprocess-import", "import_subprocess", "S404", 78, Level::Low,
    {.what = "Flags imports of `subprocess`.",
     .why = "Running processes is where command injection happens; the calls themselves are "
            "checked by B602-B607.",
     .example = "```python\nimport subprocess\n```",
     .use_instead = "Nothing to change by itself; review the calls.",
     .references = "- https://cwe.mitre.org/data/definitions/78.html",
     .vs_bandit = import_vs_bandit});
extern const Rule import_xml_etree =
    import_rule("B405", "suspicious-xml-etree-import", "import_xml_etree", "S405", 20, Level::Low,
                {.what = "Flags imports of `xml.etree.ElementTree` and `cElementTree`.",
                 .why = xml_why,
                 .example = "```python\nimport xml.etree.ElementTree as ET\n```",
                 .use_instead = xml_instead,
                 .references = xml_refs,
                 .vs_bandit = import_vs_bandit});
extern const Rule import_xml_sax =
    import_rule("B406", "suspicious-xml-sax-import", "import_xml_sax", "S406", 20, Level::Low,
                {.what = "Flags imports of `xml.sax`.",
                 .why = xml_why,
                 .example = "```python\nimport xml.sax\n```",
                 .use_instead = xml_instead,
                 .references = xml_refs,
                 .vs_bandit = import_vs_bandit});
extern const Rule import_xml_expat =
    import_rule("B407", "suspicious-xml-expat-import", "import_xml_expat", "S407", 20, Level::Low,
                {.what = "Flags imports of `xml.dom.expatbuilder`.",
                 .why = xml_why,
                 .example = "```python\nfrom xml.dom import expatbuilder\n```",
                 .use_instead = xml_instead,
                 .references = xml_refs,
                 .vs_bandit = import_vs_bandit});
extern const Rule import_xml_minidom = import_rule(
    "B408", "suspicious-xml-minidom-import", "import_xml_minidom", "S408", 20, Level::Low,
    {.what = "Flags imports of `xml.dom.minidom`.",
     .why = xml_why,
     .example = "```python\nfrom xml.dom import minidom\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = import_vs_bandit});
extern const Rule import_xml_pulldom = import_rule(
    "B409", "suspicious-xml-pulldom-import", "import_xml_pulldom", "S409", 20, Level::Low,
    {.what = "Flags imports of `xml.dom.pulldom`.",
     .why = xml_why,
     .example = "```python\nfrom xml.dom import pulldom\n```",
     .use_instead = xml_instead,
     .references = xml_refs,
     .vs_bandit = import_vs_bandit});
extern const Rule import_xmlrpc = import_rule(
    "B411", "suspicious-xmlrpc-import", "import_xmlrpclib", "S411", 20, Level::High,
    {.what = "Flags imports of `xmlrpc`.",
     .why = "XML-RPC parses untrusted XML with the vulnerable parsers.",
     .example = "```python\nimport xmlrpc.client\n```",
     .use_instead = "Call `defusedxml.xmlrpc.monkey_patch()` first, or use another protocol.",
     .references = xml_refs,
     .vs_bandit = import_vs_bandit});
extern const Rule import_httpoxy = import_rule(
    "B412", "suspicious-httpoxy-import", "import_httpoxy", "S412", 284, Level::High,
    {.what = "Flags imports of CGI handlers affected by httpoxy (`wsgiref.handlers.CGIHandler`, "
             "`twisted.web.twcgi.CGIScript`).",
     .why = "Under CGI, a client's `Proxy:` header becomes the `HTTP_PROXY` variable and can "
            "redirect the application's outgoing requests.",
     .example = "```python\nfrom wsgiref.handlers import CGIHandler\n```",
     .use_instead = "Run the application under a WSGI server, not CGI.",
     .references = "- https://httpoxy.org/\n- https://cwe.mitre.org/data/definitions/284.html",
     .vs_bandit = import_vs_bandit});
extern const Rule import_pycrypto =
    import_rule("B413", "suspicious-pycrypto-import", "import_pycrypto", "S413", 327, Level::High,
                {.what = "Flags imports of the unmaintained PyCrypto package (`Crypto.*`).",
                 .why = "PyCrypto has known vulnerabilities and no maintainer.",
                 .example = "```python\nfrom Crypto.Cipher import AES\n```",
                 .use_instead = "`cryptography` (or PyCryptodome's `Cryptodome` namespace).",
                 .references = "- https://cwe.mitre.org/data/definitions/327.html",
                 .vs_bandit = import_vs_bandit});
extern const Rule import_pyghmi =
    import_rule("B415", "suspicious-pyghmi-import", "import_pyghmi", "S415", 319, Level::High,
                {.what = "Flags imports of `pyghmi` (IPMI).",
                 .why = "IPMI is an insecure protocol.",
                 .example = "```python\nimport pyghmi\n```",
                 .use_instead = "An encrypted management protocol.",
                 .references = "- https://cwe.mitre.org/data/definitions/319.html",
                 .vs_bandit = import_vs_bandit});

} // namespace vigil::analysis::rules
