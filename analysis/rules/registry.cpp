// The one table of codes. Adding a rule: an `extern` line and a table entry in its family's
// section here, its file under analysis/rules/<family>/ (picked up by the build), and a fixture
// under tests/fixtures/rules/. The table is sorted by code when first used, so sections may list
// their rules in any order.
#include "analysis/rules/registry.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace vigil::analysis::rules {

// --- Bandit B1xx, B2xx, B5xx: assorted checks -------------------------------------------------
extern const Rule assert_used;             // B101  errors/assert_used.cpp
extern const Rule exec_used;               // B102  injection/exec_used.cpp
extern const Rule bad_file_permissions;    // B103  filesystem/bad_file_permissions.cpp
extern const Rule bind_all_interfaces;     // B104  network/bind_all_interfaces.cpp
extern const Rule hardcoded_tmp_directory; // B108  filesystem/hardcoded_tmp_directory.cpp
extern const Rule try_except_pass;         // B110  errors/try_except_pass.cpp
extern const Rule try_except_continue;     // B112  errors/try_except_pass.cpp
extern const Rule request_without_timeout; // B113  network/request_without_timeout.cpp
extern const Rule flask_debug_true;        // B201  injection/flask_debug_true.cpp
extern const Rule tarfile_unsafe_members;  // B202  filesystem/tarfile_unsafe_members.cpp
extern const Rule yaml_load;               // B506  deserialization/yaml_load.cpp
// B105-B107, B501-B509: secrets, TLS, weak keys, SSH, SNMP (one block)
extern const Rule request_with_no_cert_validation; // B501  tls/cert_validation.cpp
extern const Rule ssl_with_bad_version;            // B502  tls/ssl_version.cpp
extern const Rule ssl_with_bad_defaults;           // B503  tls/ssl_version.cpp
extern const Rule ssl_with_no_version;             // B504  tls/ssl_version.cpp
extern const Rule hardcoded_password_string;       // B105  secrets/hardcoded_password.cpp
extern const Rule hardcoded_password_funcarg;      // B106  secrets/hardcoded_password.cpp
extern const Rule hardcoded_password_default;      // B107  secrets/hardcoded_password.cpp
extern const Rule weak_cryptographic_key;          // B505  crypto/weak_key.cpp
extern const Rule ssh_no_host_key_verification;    // B507  network/ssh_host_key.cpp
extern const Rule snmp_insecure_version;           // B508  network/snmp.cpp
extern const Rule snmp_weak_cryptography;          // B509  network/snmp.cpp

// --- Bandit B3xx, B4xx: calls and imports to avoid; B324 weak hashes -------------------------
extern const Rule eval_used;                // B307  injection/eval_used.cpp
extern const Rule pickle_calls;             // B301  blacklist/calls.cpp (and B302-B323 below)
extern const Rule marshal_calls;            // B302
extern const Rule weak_hash_calls;          // B303
extern const Rule weak_cipher_calls;        // B304
extern const Rule ecb_mode_calls;           // B305
extern const Rule mktemp_calls;             // B306
extern const Rule mark_safe_calls;          // B308
extern const Rule urlopen_calls;            // B310
extern const Rule random_calls;             // B311
extern const Rule telnet_calls;             // B312
extern const Rule celementtree_calls;       // B313
extern const Rule elementtree_calls;        // B314
extern const Rule expatreader_calls;        // B315
extern const Rule expatbuilder_calls;       // B316
extern const Rule sax_calls;                // B317
extern const Rule minidom_calls;            // B318
extern const Rule pulldom_calls;            // B319
extern const Rule ftp_calls;                // B321
extern const Rule unverified_context_calls; // B323
extern const Rule hashlib_insecure;         // B324  crypto/hashlib_insecure.cpp
extern const Rule import_telnetlib;         // B401  blacklist/imports.cpp (and B402-B415 below)
extern const Rule import_ftplib;            // B402
extern const Rule import_pickle;            // B403
extern const Rule import_subprocess;        // B404
extern const Rule import_xml_etree;         // B405
extern const Rule import_xml_sax;           // B406
extern const Rule import_xml_expat;         // B407
extern const Rule import_xml_minidom;       // B408
extern const Rule import_xml_pulldom;       // B409
extern const Rule import_xmlrpc;            // B411
extern const Rule import_httpoxy;           // B412
extern const Rule import_pycrypto;          // B413
extern const Rule import_pyghmi;            // B415

// --- Bandit B6xx, B7xx: injection and templates ----------------------------------------------
extern const Rule paramiko_calls;              // B601  injection/paramiko_calls.cpp
extern const Rule subprocess_shell;            // B602  injection/subprocess_shell.cpp
extern const Rule subprocess_without_shell;    // B603  injection/subprocess_without_shell.cpp
extern const Rule shell_keyword;               // B604  injection/shell_keyword.cpp
extern const Rule start_process_with_shell;    // B605  injection/start_process_with_shell.cpp
extern const Rule start_process_without_shell; // B606  injection/start_process_without_shell.cpp
extern const Rule partial_path;                // B607  injection/partial_path.cpp
extern const Rule sql_expressions;             // B608  injection/sql_expressions.cpp
extern const Rule wildcard_injection;          // B609  injection/wildcard_injection.cpp
extern const Rule django_extra;                // B610  injection/django_extra.cpp
extern const Rule django_rawsql;               // B611  injection/django_rawsql.cpp
extern const Rule logging_config_listen;       // B612  injection/logging_config_listen.cpp
extern const Rule trojansource;                // B613  source/trojansource.cpp
extern const Rule pytorch_load;                // B614  deserialization/pytorch_load.cpp
extern const Rule huggingface_download;        // B615  supply_chain/huggingface_download.cpp

// B7xx: templates and markup that do not escape
extern const Rule jinja2_autoescape_false; // B701  xss/jinja2_autoescape.cpp
extern const Rule use_of_mako_templates;   // B702  xss/mako_templates.cpp
extern const Rule django_mark_safe;        // B703  xss/django_mark_safe.cpp
extern const Rule markupsafe_markup_xss;   // B704  xss/markup_xss.cpp

// --- Vigil's own rules (VG...) -------------------------------------------------------------------
// VG1xx: web frameworks
extern const Rule django_debug_enabled;              // VG101 framework/django_settings.cpp
extern const Rule django_allowed_hosts_wildcard;     // VG102 framework/django_settings.cpp
extern const Rule django_literal_secret_key;         // VG103 framework/django_settings.cpp
extern const Rule django_insecure_cookie_setting;    // VG104 framework/django_settings.cpp
extern const Rule django_ssl_redirect_disabled;      // VG105 framework/django_settings.cpp
extern const Rule flask_literal_secret_key;          // VG106 framework/flask_config.cpp
extern const Rule flask_insecure_session_cookie;     // VG107 framework/flask_config.cpp
extern const Rule debug_server_exposed;              // VG108 framework/debug_server_exposed.cpp
extern const Rule cookie_without_secure_flags;       // VG110 cookies/cookie_flags.cpp
extern const Rule csrf_exempt;                       // VG120 csrf/csrf_exempt.cpp
extern const Rule csrf_protection_disabled;          // VG121 csrf/csrf_disabled.cpp
extern const Rule csrf_middleware_missing;           // VG122 csrf/csrf_middleware.cpp
extern const Rule error_details_in_response;         // VG130 errors/error_details_in_response.cpp
extern const Rule django_debug_propagate_exceptions; // VG131 errors/debug_propagate_exceptions.cpp
extern const Rule http_url_without_tls;              // VG140 transport/http_url.cpp
// VG2xx: secrets, cryptography, deserialization, files
extern const Rule secret_token_in_literal;   // VG201  secrets/token_in_literal.cpp
extern const Rule high_entropy_secret;       // VG202  secrets/high_entropy_secret.cpp
extern const Rule secret_in_log;             // VG203  secrets/secret_in_log.cpp
extern const Rule timing_unsafe_comparison;  // VG204  secrets/timing_unsafe_comparison.cpp
extern const Rule jwt_verification_disabled; // VG210  crypto/jwt_decode.cpp
extern const Rule jwt_unsafe_algorithms;     // VG211  crypto/jwt_decode.cpp
extern const Rule cipher_ecb_mode;           // VG220  crypto/cipher_ecb.cpp
extern const Rule static_iv_or_nonce;        // VG221  crypto/static_iv.cpp
extern const Rule hardcoded_crypto_key;      // VG222  crypto/hardcoded_key.cpp
extern const Rule password_fast_hash;        // VG223  crypto/password_fast_hash.cpp
extern const Rule random_seeded_constant;    // VG224  crypto/random_seed.cpp
extern const Rule numpy_load_allow_pickle;   // VG230  deserialization/numpy_joblib_load.cpp
extern const Rule joblib_load;               // VG231  deserialization/numpy_joblib_load.cpp
extern const Rule zip_slip;                  // VG240  filesystem/zip_slip.cpp
extern const Rule world_writable_mode;       // VG241  filesystem/world_writable_mode.cpp
extern const Rule open_without_encoding;     // VG242  filesystem/open_without_encoding.cpp
// VG3xx: data flow (untrusted data reaching a sink; the engine is analysis/flow/)
extern const Rule sql_injection;                     // VG301 flow/sql_injection.cpp
extern const Rule command_injection;                 // VG302 flow/command_injection.cpp
extern const Rule code_injection;                    // VG303 flow/code_injection.cpp
extern const Rule path_traversal;                    // VG304 flow/path_traversal.cpp
extern const Rule server_side_request_forgery;       // VG305 flow/ssrf.cpp
extern const Rule open_redirect;                     // VG306 flow/open_redirect.cpp
extern const Rule reflected_xss;                     // VG307 flow/reflected_xss.cpp
extern const Rule template_injection;                // VG308 flow/template_injection.cpp
extern const Rule deserialization_of_untrusted_data; // VG309 flow/unsafe_deserialization.cpp
extern const Rule ldap_injection;                    // VG310 flow/ldap_injection.cpp
extern const Rule xpath_injection;                   // VG311 flow/xpath_injection.cpp
extern const Rule http_header_injection;             // VG312 flow/header_injection.cpp
extern const Rule log_injection;                     // VG313 flow/log_injection.cpp
extern const Rule trust_boundary_violation;          // VG314 flow/trust_boundary.cpp
extern const Rule regex_injection;                   // VG315 flow/regex_injection.cpp
// VG7xx: dependencies (requirements files, pyproject.toml; checked by analysis/dependencies/)
extern const Rule unpinned_requirement;       // VG701  dependencies/dependency_rules.cpp
extern const Rule loosely_pinned_requirement; // VG702  dependencies/dependency_rules.cpp
extern const Rule insecure_index_url;         // VG703  dependencies/dependency_rules.cpp
extern const Rule index_url_credentials;      // VG704  dependencies/dependency_rules.cpp
extern const Rule trusted_host;               // VG705  dependencies/dependency_rules.cpp

namespace {

// clang-format off
const Rule* const table[] = {
    // B1xx, B2xx, B5xx
    &assert_used,
    &exec_used,
    &bad_file_permissions,
    &bind_all_interfaces,
    &hardcoded_tmp_directory,
    &try_except_pass,
    &try_except_continue,
    &request_without_timeout,
    &flask_debug_true,
    &tarfile_unsafe_members,
    &yaml_load,
    // B105-B107, B501-B509: secrets, TLS, weak keys, SSH, SNMP (one block)
    &request_with_no_cert_validation,
    &ssl_with_bad_version,
    &ssl_with_bad_defaults,
    &ssl_with_no_version,
    &hardcoded_password_string,
    &hardcoded_password_funcarg,
    &hardcoded_password_default,
    &weak_cryptographic_key,
    &ssh_no_host_key_verification,
    &snmp_insecure_version,
    &snmp_weak_cryptography,
    // B3xx, B4xx
    &eval_used,
    &pickle_calls,
    &marshal_calls,
    &weak_hash_calls,
    &weak_cipher_calls,
    &ecb_mode_calls,
    &mktemp_calls,
    &mark_safe_calls,
    &urlopen_calls,
    &random_calls,
    &telnet_calls,
    &celementtree_calls,
    &elementtree_calls,
    &expatreader_calls,
    &expatbuilder_calls,
    &sax_calls,
    &minidom_calls,
    &pulldom_calls,
    &ftp_calls,
    &unverified_context_calls,
    &hashlib_insecure,
    &import_telnetlib,
    &import_ftplib,
    &import_pickle,
    &import_subprocess,
    &import_xml_etree,
    &import_xml_sax,
    &import_xml_expat,
    &import_xml_minidom,
    &import_xml_pulldom,
    &import_xmlrpc,
    &import_httpoxy,
    &import_pycrypto,
    &import_pyghmi,
    // B6xx, B7xx
    &paramiko_calls,
    &subprocess_shell,
    &jinja2_autoescape_false,
    &use_of_mako_templates,
    &django_mark_safe,
    &markupsafe_markup_xss,
    &subprocess_without_shell,
    &shell_keyword,
    &start_process_with_shell,
    &start_process_without_shell,
    &partial_path,
    &sql_expressions,
    &wildcard_injection,
    &django_extra,
    &django_rawsql,
    &logging_config_listen,
    &trojansource,
    &pytorch_load,
    &huggingface_download,
    // VG
    &django_debug_enabled,
    &django_allowed_hosts_wildcard,
    &django_literal_secret_key,
    &django_insecure_cookie_setting,
    &django_ssl_redirect_disabled,
    &flask_literal_secret_key,
    &flask_insecure_session_cookie,
    &debug_server_exposed,
    &cookie_without_secure_flags,
    &csrf_exempt,
    &csrf_protection_disabled,
    &csrf_middleware_missing,
    &error_details_in_response,
    &django_debug_propagate_exceptions,
    &http_url_without_tls,
    &secret_token_in_literal,
    &high_entropy_secret,
    &secret_in_log,
    &timing_unsafe_comparison,
    &jwt_verification_disabled,
    &jwt_unsafe_algorithms,
    &cipher_ecb_mode,
    &static_iv_or_nonce,
    &hardcoded_crypto_key,
    &password_fast_hash,
    &random_seeded_constant,
    &numpy_load_allow_pickle,
    &joblib_load,
    &zip_slip,
    &world_writable_mode,
    &open_without_encoding,
    &sql_injection,
    &command_injection,
    &code_injection,
    &path_traversal,
    &server_side_request_forgery,
    &open_redirect,
    &reflected_xss,
    &template_injection,
    &deserialization_of_untrusted_data,
    &ldap_injection,
    &xpath_injection,
    &http_header_injection,
    &log_injection,
    &trust_boundary_violation,
    &regex_injection,
    &unpinned_requirement,
    &loosely_pinned_requirement,
    &insecure_index_url,
    &index_url_credentials,
    &trusted_host,
};
// clang-format on

std::vector<const Rule*> sorted_table() {
    std::vector<const Rule*> rules(std::begin(table), std::end(table));
    std::sort(rules.begin(), rules.end(),
              [](const Rule* a, const Rule* b) { return a->info.code < b->info.code; });
    return rules;
}

} // namespace

std::span<const Rule* const> registry() {
    static const std::vector<const Rule*> rules = sorted_table();
    return rules;
}

} // namespace vigil::analysis::rules
