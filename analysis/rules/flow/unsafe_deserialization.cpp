// VG309: untrusted data that reaches `pickle`, `marshal`, `dill`, `jsonpickle`, `shelve` or
// `yaml.load` without a safe loader.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B301", "B302", "B506"};

} // namespace

extern const Rule deserialization_of_untrusted_data{
    {
        .code = "VG309",
        .name = "deserialization-of-untrusted-data",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 502,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that reaches `pickle`, `marshal`, `dill`, "
                        "`jsonpickle`, `shelve` or `yaml.load` without a safe loader. It follows "
                        "the data from where it enters (see `flow-sources`) through assignments, "
                        "string building, containers and calls, and reports only when it arrives "
                        "with nothing on the way that makes it safe for this use.",
                .why = "These formats rebuild arbitrary objects, and building one can call any "
                       "function: a crafted pickle runs commands the moment it is loaded.",
                .example = "```python\nstate = "
                           "pickle.loads(base64.b64decode(request.cookies[\"state\"]))\n```",
                .use_instead =
                    "Use a data-only format (`json`, `yaml.safe_load`), or sign what you hand out "
                    "and verify the signature (`hmac`, `itsdangerous`) before loading it.",
                .references = "- https://docs.python.org/3/library/pickle.html\n- "
                              "https://cwe.mitre.org/data/definitions/502.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules
