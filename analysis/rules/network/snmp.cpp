// B508 / B509: SNMP without the protections of SNMPv3 (one family: both match pysnmp's hlapi).
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};
// The calls each rule checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view community_data[] = {"CommunityData"};
constexpr std::string_view usm_user_data[] = {"UsmUserData"};

// pysnmp's hlapi class `name`, wherever it is imported from: `pysnmp.hlapi.CommunityData`, the
// asyncio flavours (`pysnmp.hlapi.asyncio`, `pysnmp.hlapi.v3arch.asyncio`, ...), and the old
// `pysnmp.entity.rfc3413.oneliner.cmdgen`.
bool is_pysnmp_class(std::string_view qualified, std::string_view name) {
    return qualified.starts_with("pysnmp.") && qualified.size() > name.size() &&
           qualified.substr(qualified.size() - name.size()) == name &&
           qualified[qualified.size() - name.size() - 1] == '.';
}

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

void check_version(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (!is_pysnmp_class(model.qualified_name(view.callee), "CommunityData")) {
        return;
    }
    // CommunityData(communityIndex, communityName=None, mpModel=1, ...): SNMPv1 (0) or v2c (1),
    // the default; nothing else is valid.
    const TSNode model_node = view.argument(2, "mpModel");
    const std::string_view given = ts_node_is_null(model_node) ? "" : model.text(model_node);
    const std::string version = given == "0"    ? "SNMPv1"
                                : given == "1"  ? "SNMPv2c"
                                : given.empty() ? "SNMPv2c (the default)"
                                                : "SNMPv1 or SNMPv2c";
    context.report(view.callee, {.message = "The use of SNMPv1 and SNMPv2 is insecure (" + version +
                                            " here). You should use SNMPv3 if able."});
}

void check_crypto(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (!is_pysnmp_class(model.qualified_name(view.callee), "UsmUserData")) {
        return;
    }
    if (view.has_star_args || view.has_star_kwargs) {
        return;
    }
    // UsmUserData(userName, authKey=None, privKey=None, authProtocol=None, privProtocol=None, ...)
    const TSNode priv_key = view.argument(2, "privKey");
    const TSNode auth_key = view.argument(1, "authKey");
    auto missing = [](TSNode node) { return ts_node_is_null(node) || node_type(node) == "none"; };
    if (missing(priv_key)) {
        context.report(view.callee,
                       {.message = std::string("You should not use SNMPv3 without encryption (") +
                                   (missing(auth_key) ? "noAuthNoPriv" : "authNoPriv") +
                                   "). noAuthNoPriv & authNoPriv is insecure"});
        return;
    }
    const std::string& auth = model.qualified_name(view.argument(3, "authProtocol"));
    const std::string& priv = model.qualified_name(view.argument(4, "privProtocol"));
    const std::string_view auth_name = last_part(auth);
    const std::string_view priv_name = last_part(priv);
    if (auth_name == "usmNoAuthProtocol" || priv_name == "usmNoPrivProtocol") {
        context.report(view.callee, {.message = "You should not use SNMPv3 without encryption ("
                                                "a no-auth or no-privacy protocol is set)."});
        return;
    }
    if (priv_name == "usmDESPrivProtocol" || priv_name == "usm3DESEDEPrivProtocol" ||
        auth_name == "usmHMACMD5AuthProtocol") {
        context.report(view.callee,
                       {.message = "SNMPv3 with weak cryptography (" +
                                   std::string(priv_name == "usmDESPrivProtocol" ||
                                                       priv_name == "usm3DESEDEPrivProtocol"
                                                   ? priv_name
                                                   : auth_name) +
                                   "). Use SHA-2 authentication and AES privacy."});
    }
}

} // namespace

extern const Rule snmp_insecure_version{
    {
        .code = "B508",
        .name = "snmp-insecure-version",
        .bandit_name = "snmp_insecure_version",
        .ruff_code = "S508",
        .cwe = 319,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags pysnmp's `CommunityData(...)`, the credentials of SNMPv1 "
                        "(`mpModel=0`) and SNMPv2c (`mpModel=1`, the default).",
                .why = "SNMPv1 and v2c authenticate with a community string sent in clear text "
                       "with every request, and encrypt nothing: anyone on the path can read "
                       "the data and reuse the string, often to change device settings.",
                .example = "```python\nfrom pysnmp.hlapi import CommunityData\n\nauth = "
                           "CommunityData(\"public\", mpModel=0)\n```",
                .use_instead = "SNMPv3 with authentication and privacy:\n\n```python\nfrom "
                               "pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, "
                               "usmHMACSHAAuthProtocol\n\nauth = UsmUserData(\"user\", auth_key, "
                               "priv_key, authProtocol=usmHMACSHAAuthProtocol, "
                               "privProtocol=usmAesCfb128Protocol)\n```\n\nThere is no quick "
                               "fix: SNMPv3 needs a user and keys configured on the device.",
                .references = "- https://www.rfc-editor.org/rfc/rfc3414\n"
                              "- https://cwe.mitre.org/data/definitions/319.html",
                .vs_bandit = "Bandit flags only an explicit `mpModel=0` or `mpModel=1` on "
                             "`pysnmp.hlapi.CommunityData`. Every `CommunityData` is SNMPv1 or "
                             "v2c (there is no other `mpModel`), so Vigil flags it without "
                             "`mpModel` too (v2c by default), reads `mpModel` given by position, "
                             "and matches the class from the asyncio and older pysnmp modules, "
                             "through aliases. The message names the version.",
            },
    },
    kinds,
    check_version,
    community_data,
};

extern const Rule snmp_weak_cryptography{
    {
        .code = "B509",
        .name = "snmp-weak-cryptography",
        .bandit_name = "snmp_weak_cryptography",
        .ruff_code = "S509",
        .cwe = 319,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags pysnmp's `UsmUserData(...)` (SNMPv3 credentials) without a "
                        "privacy key (noAuthNoPriv, authNoPriv), with a no-auth or no-privacy "
                        "protocol, or with the weak DES / 3DES privacy or MD5 authentication "
                        "protocols named explicitly.",
                .why = "Without a privacy key SNMPv3 sends everything in clear text; DES and "
                       "MD5 are broken and offer little more.",
                .example = "```python\nfrom pysnmp.hlapi import UsmUserData\n\nauth = "
                           "UsmUserData(\"user\", auth_key)\n```",
                .use_instead = "```python\nfrom pysnmp.hlapi import UsmUserData, "
                               "usmAesCfb128Protocol, usmHMACSHAAuthProtocol\n\nauth = "
                               "UsmUserData(\"user\", auth_key, priv_key, "
                               "authProtocol=usmHMACSHAAuthProtocol, "
                               "privProtocol=usmAesCfb128Protocol)\n```\n\nThere is no quick "
                               "fix: the keys and the protocols the device supports are not in "
                               "the code.",
                .references = "- https://www.rfc-editor.org/rfc/rfc3414\n"
                              "- https://cwe.mitre.org/data/definitions/319.html",
                .vs_bandit = "Bandit counts positional arguments only, so "
                             "`UsmUserData(\"u\", authKey=a, privKey=p)` is a false positive "
                             "there; Vigil reads `authKey=`/`privKey=` too, treats `None` as "
                             "missing, and says nothing when `*args`/`**kwargs` may carry the "
                             "keys. It also flags `usmNoAuthProtocol`/`usmNoPrivProtocol` and "
                             "the weak `usmDESPrivProtocol`, `usm3DESEDEPrivProtocol` and "
                             "`usmHMACMD5AuthProtocol` when named. (pysnmp also falls back to "
                             "MD5 and DES when keys are given without protocols; that is not "
                             "flagged, as it would flag nearly every use.) Matches the class "
                             "from the asyncio and older pysnmp modules, through aliases.",
            },
    },
    kinds,
    check_crypto,
    usm_user_data,
};

} // namespace vigil::analysis::rules
