#include "server/lsp/language_server.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/dependencies/requirements.hpp"
#include "server/lsp/code_actions.hpp"
#include "server/lsp/diagnostics.hpp"
#include "server/lsp/hover.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <thread>

namespace vigil::server {

using protocol::ErrorCode;
using protocol::json;

namespace {

// Thrown by parameter readers; turned into an InvalidParams reply.
struct InvalidParams {
    std::string message;
};

const json& field(const json& object, std::string_view name) {
    if (!object.is_object()) {
        throw InvalidParams{"expected an object holding '" + std::string(name) + "'"};
    }
    const auto it = object.find(name);
    if (it == object.end()) {
        throw InvalidParams{"missing '" + std::string(name) + "'"};
    }
    return *it;
}

std::string string_field(const json& object, std::string_view name) {
    const json& value = field(object, name);
    if (!value.is_string()) {
        throw InvalidParams{"'" + std::string(name) + "' must be a string"};
    }
    return value.get<std::string>();
}

std::int64_t integer_field(const json& object, std::string_view name) {
    const json& value = field(object, name);
    if (!value.is_number_integer()) {
        throw InvalidParams{"'" + std::string(name) + "' must be an integer"};
    }
    return value.get<std::int64_t>();
}

protocol::Position position_field(const json& object, std::string_view name) {
    const json& value = field(object, name);
    const std::int64_t line = integer_field(value, "line");
    const std::int64_t character = integer_field(value, "character");
    if (line < 0 || character < 0) {
        throw InvalidParams{"positions are non-negative"};
    }
    // Positions beyond uint32 are clamped: they point past the end of the text anyway.
    constexpr std::int64_t max = std::numeric_limits<std::uint32_t>::max();
    return protocol::Position{static_cast<std::uint32_t>(std::min(line, max)),
                              static_cast<std::uint32_t>(std::min(character, max))};
}

std::string id_key(const json& id) {
    return id.dump();
}

const json* find_path(const json& object, std::initializer_list<std::string_view> path) {
    const json* current = &object;
    for (std::string_view name : path) {
        if (!current->is_object()) {
            return nullptr;
        }
        const auto it = current->find(name);
        if (it == current->end()) {
            return nullptr;
        }
        current = &*it;
    }
    return current;
}

} // namespace

LanguageServer::LanguageServer(boost::asio::io_context& io, protocol::Transport& transport,
                               ServerOptions options)
    : io_(io), transport_(transport), options_(options),
      scheduler_(io, options.worker_threads != 0
                         ? options.worker_threads
                         : std::max(1u, std::thread::hardware_concurrency())) {
    register_handlers();
}

int LanguageServer::run() {
    transport_.start({
        [this](std::string body) { on_message(std::move(body)); },
        [](const protocol::FramingError& error) {
            spdlog::warn("dropped a malformed frame: {}", error.reason);
        },
        [this]() {
            spdlog::info("input closed");
            finish(state_ == State::ShutDown ? 0 : 1);
        },
    });
    io_.run();
    return exit_code_;
}

void LanguageServer::finish(int exit_code) {
    if (finished_) {
        return;
    }
    finished_ = true;
    exit_code_ = exit_code;
    if (parent_timer_) {
        parent_timer_->cancel();
    }
    scheduler_.stop();
    io_.stop();
}

// ---------------------------------------------------------------------------------------------
// Dispatch

void LanguageServer::register_handlers() {
    request_handlers_["initialize"] = [this](const auto& r) { on_initialize(r); };
    request_handlers_["shutdown"] = [this](const auto& r) { on_shutdown(r); };
    request_handlers_["textDocument/diagnostic"] = [this](const auto& r) {
        on_pull_diagnostics(r);
    };
    request_handlers_["textDocument/hover"] = [this](const auto& r) { on_hover(r); };
    request_handlers_["textDocument/codeAction"] = [this](const auto& r) { on_code_action(r); };
    request_handlers_["codeAction/resolve"] = [this](const auto& r) { on_resolve_code_action(r); };
    request_handlers_["vigil/waitUntilIdle"] = [this](const protocol::Request& request) {
        // Test support: answered once every pending analysis has been published.
        park(request);
        scheduler_.when_idle([this, id = request.id]() {
            if (take(id)) {
                reply(id, nullptr);
            }
        });
    };

    notification_handlers_["initialized"] = [this](const auto&) { on_initialized(); };
    notification_handlers_["workspace/didChangeConfiguration"] = [this](const auto& n) {
        on_did_change_configuration(n);
    };
    notification_handlers_["exit"] = [this](const auto&) { on_exit(); };
    notification_handlers_["textDocument/didOpen"] = [this](const auto& n) { on_did_open(n); };
    notification_handlers_["textDocument/didChange"] = [this](const auto& n) { on_did_change(n); };
    notification_handlers_["textDocument/didClose"] = [this](const auto& n) { on_did_close(n); };
    notification_handlers_["textDocument/didSave"] = [this](const auto& n) { on_did_save(n); };
    notification_handlers_["workspace/didChangeWatchedFiles"] = [this](const auto& n) {
        on_did_change_watched_files(n);
    };
    notification_handlers_["$/setTrace"] = [this](const protocol::Notification& notification) {
        trace_ = string_field(notification.params, "value");
    };
    notification_handlers_["$/cancelRequest"] = [this](const protocol::Notification& notification) {
        const json& id = field(notification.params, "id");
        if (take(id)) {
            reply_error(id, ErrorCode::RequestCancelled, "request cancelled");
        }
    };
}

void LanguageServer::on_message(std::string body) {
    if (finished_) {
        return; // bytes that followed `exit` in the same read
    }
    protocol::Message message = protocol::parse_message(body);
    body.clear();
    std::visit(
        [this](auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, protocol::Request>) {
                on_request(value);
            } else if constexpr (std::is_same_v<T, protocol::Notification>) {
                on_notification(value);
            } else if constexpr (std::is_same_v<T, protocol::Response>) {
                on_response(value);
            } else {
                spdlog::warn("invalid message: {}", value.reason);
                transport_.send(protocol::make_error(value.id, value.code, value.reason));
            }
        },
        message);
}

void LanguageServer::on_request(const protocol::Request& request) {
    spdlog::debug("request {} {}", request.method, id_key(request.id));
    if (state_ == State::Uninitialized && request.method != "initialize") {
        reply_error(request.id, ErrorCode::ServerNotInitialized, "server not initialized");
        return;
    }
    if (state_ == State::ShutDown) {
        reply_error(request.id, ErrorCode::InvalidRequest, "shutdown already requested");
        return;
    }
    const auto handler = request_handlers_.find(request.method);
    if (handler == request_handlers_.end()) {
        reply_error(request.id, ErrorCode::MethodNotFound, "unknown method " + request.method);
        return;
    }
    try {
        handler->second(request);
    } catch (const InvalidParams& error) {
        reply_error(request.id, ErrorCode::InvalidParams, error.message);
    } catch (const std::exception& error) {
        spdlog::error("{} failed: {}", request.method, error.what());
        reply_error(request.id, ErrorCode::InternalError, "internal error");
    }
}

void LanguageServer::on_notification(const protocol::Notification& notification) {
    spdlog::debug("notification {}", notification.method);
    if (notification.method != "exit" &&
        (state_ == State::Uninitialized || state_ == State::ShutDown)) {
        return; // the specification drops these before initialize and after shutdown
    }
    const auto handler = notification_handlers_.find(notification.method);
    if (handler == notification_handlers_.end()) {
        return; // unknown notifications, $/ ones included, are ignored
    }
    try {
        handler->second(notification);
    } catch (const InvalidParams& error) {
        spdlog::warn("{} ignored: {}", notification.method, error.message);
    } catch (const std::exception& error) {
        spdlog::error("{} failed: {}", notification.method, error.what());
    }
}

void LanguageServer::on_response(const protocol::Response& response) {
    auto entry = outgoing_.extract(id_key(response.id));
    if (!entry) {
        spdlog::debug("response to an unknown request {}", id_key(response.id));
        return;
    }
    if (response.error) {
        spdlog::warn("the client answered request {} with an error", id_key(response.id));
    }
    entry.mapped()(response);
}

void LanguageServer::send_request(std::string_view method, json params,
                                  std::function<void(const protocol::Response&)> on_reply) {
    // A client that never answers must not make the table grow without bound (clangd keeps 100).
    constexpr std::size_t max_outgoing = 100;
    if (outgoing_.size() >= max_outgoing) {
        outgoing_.erase(outgoing_.begin());
    }
    const json id = "vigil-" + std::to_string(next_outgoing_id_++);
    outgoing_[id_key(id)] = std::move(on_reply);
    transport_.send(protocol::make_request(id, method, std::move(params)));
}

void LanguageServer::reply(const json& id, json result) {
    transport_.send(protocol::make_result(id, std::move(result)));
}

void LanguageServer::reply_error(const json& id, ErrorCode code, std::string_view message) {
    transport_.send(protocol::make_error(id, code, message));
}

void LanguageServer::park(const protocol::Request& request) {
    pending_[id_key(request.id)] = request.id;
}

bool LanguageServer::take(const json& id) {
    return pending_.erase(id_key(id)) > 0;
}

void LanguageServer::notify(std::string_view method, json params) {
    transport_.send(protocol::make_notification(method, std::move(params)));
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

void LanguageServer::on_initialize(const protocol::Request& request) {
    if (state_ != State::Uninitialized) {
        reply_error(request.id, ErrorCode::InvalidRequest, "server already initialized");
        return;
    }
    const json& params = request.params.is_object() ? request.params : json::object();

    // The first encoding the client offers that we support; UTF-16 when it offers none.
    encoding_ = protocol::PositionEncoding::Utf16;
    if (const json* offered = find_path(params, {"capabilities", "general", "positionEncodings"});
        offered && offered->is_array()) {
        for (const json& name : *offered) {
            if (name.is_string()) {
                if (auto encoding = protocol::encoding_from_name(name.get<std::string>())) {
                    encoding_ = *encoding;
                    break;
                }
            }
        }
    }
    client_pulls_diagnostics_ = find_path(params, {"capabilities", "textDocument", "diagnostic"});
    if (const json* trace = find_path(params, {"trace"}); trace && trace->is_string()) {
        trace_ = trace->get<std::string>();
    }
    client_supports_configuration_ = [&] {
        const json* value = find_path(params, {"capabilities", "workspace", "configuration"});
        return value && value->is_boolean() && value->get<bool>();
    }();
    code_action_support_.literals = find_path(
        params, {"capabilities", "textDocument", "codeAction", "codeActionLiteralSupport"});
    if (const json* properties = find_path(
            params, {"capabilities", "textDocument", "codeAction", "resolveSupport", "properties"});
        properties && properties->is_array()) {
        code_action_support_.resolve_edit =
            std::find(properties->begin(), properties->end(), json("edit")) != properties->end();
    }
    if (const json* value =
            find_path(params, {"capabilities", "workspace", "workspaceEdit", "documentChanges"})) {
        code_action_support_.document_changes = value->is_boolean() && value->get<bool>();
    }
    client_supports_refresh_ = [&] {
        const json* value =
            find_path(params, {"capabilities", "workspace", "diagnostics", "refreshSupport"});
        return value && value->is_boolean() && value->get<bool>();
    }();
    client_watches_files_ = [&] {
        const json* value = find_path(
            params, {"capabilities", "workspace", "didChangeWatchedFiles", "dynamicRegistration"});
        return value && value->is_boolean() && value->get<bool>();
    }();
    client_registers_configuration_ = [&] {
        const json* value = find_path(
            params, {"capabilities", "workspace", "didChangeConfiguration", "dynamicRegistration"});
        return value && value->is_boolean() && value->get<bool>();
    }();
    if (const json* options = find_path(params, {"initializationOptions"})) {
        settings_ = parse_editor_settings(*options);
        apply_server_settings();
    }
    if (const json* pid = find_path(params, {"processId"}); pid && pid->is_number_integer()) {
        parent_pid_ = pid->get<int>();
        watch_parent_process();
    }

    json capabilities = {
        {"positionEncoding", protocol::encoding_name(encoding_)},
        {"textDocumentSync",
         {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", code_action_support_.literals
                                   ? json{{"codeActionKinds", {"quickfix", "source.fixAll.vigil"}},
                                          {"resolveProvider", true}}
                                   : json(false)},
        {"diagnosticProvider",
         {{"identifier", "vigil"},
          {"interFileDependencies", false},
          {"workspaceDiagnostics", false}}},
    };
    state_ = State::Running;
    reply(request.id, {{"capabilities", capabilities},
                       {"serverInfo", {{"name", "vigil"}, {"version", VIGIL_VERSION}}}});
    spdlog::info("initialized: encoding {}, {} diagnostics", protocol::encoding_name(encoding_),
                 client_pulls_diagnostics_ ? "pull" : "push");
}

void LanguageServer::on_shutdown(const protocol::Request& request) {
    state_ = State::ShutDown;
    scheduler_.stop();
    // Requests still waiting are answered now: nothing will complete them any more.
    for (const auto& [key, id] : pending_) {
        reply_error(id, ErrorCode::InvalidRequest, "server is shutting down");
    }
    pending_.clear();
    result_waiters_.clear();
    reply(request.id, nullptr);
}

void LanguageServer::on_initialized() {
    if (client_watches_files_) {
        send_request(
            "client/registerCapability",
            {{"registrations",
              {{{"id", "vigil-config-files"},
                {"method", "workspace/didChangeWatchedFiles"},
                {"registerOptions",
                 {{"watchers",
                   {{{"globPattern", "**/pyproject.toml"}}, {{"globPattern", "**/.bandit"}}}}}}}}}},
            [](const protocol::Response&) {});
    }
    if (client_registers_configuration_) {
        send_request("client/registerCapability",
                     {{"registrations",
                       {{{"id", "vigil-configuration"},
                         {"method", "workspace/didChangeConfiguration"},
                         {"registerOptions", {{"section", "vigil"}}}}}}},
                     [](const protocol::Response&) {});
    }
    pull_configuration();
}

void LanguageServer::pull_configuration() {
    if (!client_supports_configuration_) {
        return;
    }
    send_request("workspace/configuration", {{"items", {{{"section", "vigil"}}}}},
                 [this](const protocol::Response& response) {
                     if (response.error || !response.result.is_array() || response.result.empty()) {
                         return;
                     }
                     EditorSettings pulled = parse_editor_settings(response.result[0]);
                     // initializationOptions still count for what the pulled section omits.
                     if (!pulled.debounce) {
                         pulled.debounce = settings_.debounce;
                     }
                     apply_settings(std::move(pulled));
                 });
}

void LanguageServer::on_did_change_configuration(const protocol::Notification& notification) {
    // The modern pattern: treat the notification as "something changed" and pull; clients that
    // cannot be asked push the settings in the notification itself.
    if (client_supports_configuration_) {
        pull_configuration();
        return;
    }
    if (const json* settings = find_path(notification.params, {"settings"})) {
        apply_settings(parse_editor_settings(*settings));
    }
}

void LanguageServer::apply_settings(EditorSettings settings) {
    if (settings == settings_) {
        return;
    }
    settings_ = std::move(settings);
    apply_server_settings();
    reanalyse_all("settings changed");
}

void LanguageServer::reanalyse_all(std::string_view reason) {
    ++config_generation_;
    spdlog::info("{}; re-analysing {} open documents", reason, documents_.all().size());
    for (Document* document : documents_.all()) {
        document->result.reset();
        if (!client_pulls_diagnostics_) {
            schedule_analysis(document->uri, std::chrono::milliseconds(0));
        }
    }
    if (client_pulls_diagnostics_ && client_supports_refresh_) {
        send_request("workspace/diagnostic/refresh", nullptr, [](const protocol::Response&) {});
    }
}

void LanguageServer::apply_server_settings() {
    if (settings_.debounce) {
        options_.debounce = settings_.debounce;
    }
    overrides_ = analysis::ConfigOverrides{};
    if (settings_.profile) {
        overrides_.profile = analysis::profile_from_name(*settings_.profile);
    }
    overrides_.select = settings_.select;
    overrides_.ignore = settings_.ignore;
    if (settings_.severity) {
        overrides_.min_severity = analysis::level_from_name(*settings_.severity);
    }
    if (settings_.confidence) {
        overrides_.min_confidence = analysis::level_from_name(*settings_.confidence);
    }
    using analysis::SuppressionStyle;
    const std::string style = settings_.suppression_style.value_or("nosec");
    code_action_support_.suppression_style = style == "noqa"    ? SuppressionStyle::Noqa
                                             : style == "vigil" ? SuppressionStyle::Vigil
                                                                : SuppressionStyle::Nosec;
}

void LanguageServer::on_exit() {
    finish(state_ == State::ShutDown ? 0 : 1);
}

void LanguageServer::watch_parent_process() {
    // The specification asks servers to exit when the client process is gone.
    parent_timer_ = std::make_unique<boost::asio::steady_timer>(io_, std::chrono::seconds(3));
    parent_timer_->async_wait([this](const boost::system::error_code& error) {
        if (error || !parent_pid_) {
            return;
        }
        if (::kill(*parent_pid_, 0) != 0 && errno == ESRCH) {
            spdlog::warn("client process {} is gone; exiting", *parent_pid_);
            finish(state_ == State::ShutDown ? 0 : 1);
            return;
        }
        watch_parent_process();
    });
}

// ---------------------------------------------------------------------------------------------
// Documents

void LanguageServer::on_did_open(const protocol::Notification& notification) {
    const json& item = field(notification.params, "textDocument");
    const std::string uri = string_field(item, "uri");
    Document& document =
        documents_.open(uri, integer_field(item, "version"), string_field(item, "text"));
    const auto language = item.find("languageId");
    document.format = analysis::dependency_format_of_document(
        language != item.end() && language->is_string() ? language->get<std::string>()
                                                        : std::string(),
        document.path);
    spdlog::debug("opened {} ({} bytes)", uri, document.file.text().size());
    schedule_analysis(uri, std::chrono::milliseconds(0));
}

void LanguageServer::on_did_change(const protocol::Notification& notification) {
    const json& item = field(notification.params, "textDocument");
    const std::string uri = string_field(item, "uri");
    const std::int64_t version = integer_field(item, "version");
    const json& changes_json = field(notification.params, "contentChanges");
    if (!changes_json.is_array()) {
        throw InvalidParams{"'contentChanges' must be an array"};
    }
    std::vector<ContentChange> changes;
    changes.reserve(changes_json.size());
    for (const json& change : changes_json) {
        ContentChange parsed{std::nullopt, string_field(change, "text")};
        if (change.contains("range")) {
            const json& range = change["range"];
            parsed.range =
                protocol::Range{position_field(range, "start"), position_field(range, "end")};
        }
        changes.push_back(std::move(parsed));
    }
    if (!documents_.change(uri, version, changes, encoding_)) {
        spdlog::warn("didChange for a document that is not open: {}", uri);
        return;
    }
    schedule_analysis(uri, debounce_delay());
}

void LanguageServer::on_did_close(const protocol::Notification& notification) {
    const std::string uri = string_field(field(notification.params, "textDocument"), "uri");
    documents_.close(uri);
    scheduler_.cancel(uri);
    // Requests waiting for this document's result get the answer for no document.
    resume_waiters(uri, nullptr);
    if (!client_pulls_diagnostics_) {
        notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    }
}

void LanguageServer::on_did_save(const protocol::Notification& notification) {
    // The text is already current (includeText is false). Saving a configuration file (for
    // clients that do not watch files for us) changes what applies to every open document.
    const std::string uri = string_field(field(notification.params, "textDocument"), "uri");
    if (is_config_file(uri)) {
        reanalyse_all("configuration saved");
    }
}

void LanguageServer::on_did_change_watched_files(const protocol::Notification& notification) {
    const json& changes = field(notification.params, "changes");
    if (changes.is_array() && std::any_of(changes.begin(), changes.end(), [](const json& change) {
            return change.contains("uri") && change["uri"].is_string() &&
                   is_config_file(change["uri"].get<std::string>());
        })) {
        config_loader_.forget_directories();
        reanalyse_all("configuration changed on disk");
    }
}

bool LanguageServer::is_config_file(std::string_view uri) {
    const std::string_view name = uri.substr(uri.find_last_of('/') + 1);
    return name == "pyproject.toml" || name == ".bandit";
}

analysis::Config LanguageServer::config_for(const std::string& path) {
    analysis::LoadedConfig loaded = config_loader_.for_file(path);
    // A broken configuration file gets one diagnostic of its own, cleared once it is fixed.
    for (auto it = config_errors_.begin(); it != config_errors_.end();) {
        if (config_loader_.error_in(it->first)) {
            ++it;
            continue;
        }
        notify("textDocument/publishDiagnostics",
               {{"uri", "file://" + it->first}, {"diagnostics", json::array()}});
        it = config_errors_.erase(it);
    }
    if (loaded.error && config_errors_[loaded.error->path] != loaded.error->message) {
        config_errors_[loaded.error->path] = loaded.error->message;
        const std::uint32_t line = loaded.error->line > 0 ? loaded.error->line - 1 : 0;
        notify("textDocument/publishDiagnostics",
               {{"uri", "file://" + loaded.error->path},
                {"diagnostics",
                 {{{"range",
                    {{"start", {{"line", line}, {"character", 0}}},
                     {"end", {{"line", line + 1}, {"character", 0}}}}},
                   {"severity", 1},
                   {"source", "vigil"},
                   {"code", "config"},
                   {"message", loaded.error->message}}}}});
        spdlog::warn("configuration error in {}:{}: {}", loaded.error->path, loaded.error->line,
                     loaded.error->message);
    }
    analysis::apply_overrides(loaded.config, overrides_);
    return loaded.config;
}

void LanguageServer::on_pull_diagnostics(const protocol::Request& request) {
    const std::string uri = string_field(field(request.params, "textDocument"), "uri");
    std::optional<std::string> previous;
    if (const json* value = find_path(request.params, {"previousResultId"});
        value && value->is_string()) {
        previous = value->get<std::string>();
    }
    park(request);
    when_current(uri, [this, id = request.id, previous](const Document* document) {
        if (!take(id)) {
            return; // cancelled meanwhile, and already answered
        }
        if (!document) {
            reply(id, {{"kind", "full"}, {"items", json::array()}});
            return;
        }
        const PublishedResult& result = *document->result;
        if (previous == result.result_id) {
            reply(id, {{"kind", "unchanged"}, {"resultId", result.result_id}});
        } else {
            reply(
                id,
                {{"kind", "full"}, {"resultId", result.result_id}, {"items", result.diagnostics}});
        }
    });
}

void LanguageServer::on_hover(const protocol::Request& request) {
    const std::string uri = string_field(field(request.params, "textDocument"), "uri");
    const protocol::Position position = position_field(request.params, "position");
    park(request);
    when_current(uri, [this, id = request.id, position](const Document* document) {
        if (take(id)) {
            reply(id, document ? hover_at(*document->result, position) : json(nullptr));
        }
    });
}

void LanguageServer::on_code_action(const protocol::Request& request) {
    const std::string uri = string_field(field(request.params, "textDocument"), "uri");
    (void)position_field(field(request.params, "range"), "start");
    (void)position_field(field(request.params, "range"), "end");
    park(request);
    when_current(uri, [this, id = request.id, params = request.params](const Document* document) {
        if (take(id)) {
            reply(id, document ? code_actions(*document, params, encoding_, code_action_support_)
                               : json::array());
        }
    });
}

void LanguageServer::on_resolve_code_action(const protocol::Request& request) {
    const std::string uri = string_field(field(request.params, "data"), "uri");
    const Document* document = documents_.find(uri);
    std::optional<json> resolved;
    if (document) {
        resolved = resolve_code_action(*document, request.params, encoding_, code_action_support_);
    }
    if (!resolved) {
        reply_error(request.id, ErrorCode::ContentModified, "the document changed; ask again");
        return;
    }
    reply(request.id, *resolved);
}

void LanguageServer::when_current(const std::string& uri,
                                  std::function<void(const Document*)> then) {
    Document* document = documents_.find(uri);
    if (!document) {
        then(nullptr);
        return;
    }
    if (document->result && document->result->generation == document->generation) {
        then(document);
        return;
    }
    result_waiters_[uri].push_back(std::move(then));
    // Whoever waits wants an answer now, not after the debounce delay.
    schedule_analysis(uri, std::chrono::milliseconds(0));
}

void LanguageServer::resume_waiters(const std::string& uri, const Document* document) {
    auto waiting = result_waiters_.extract(uri);
    if (!waiting) {
        return;
    }
    for (auto& then : waiting.mapped()) {
        then(document);
    }
}

// ---------------------------------------------------------------------------------------------
// Analysis

std::chrono::milliseconds LanguageServer::debounce_delay() const {
    if (options_.debounce) {
        return *options_.debounce;
    }
    // Adaptive, as clangd does: about the median of recent analysis times, within a small window.
    if (recent_analysis_times_.empty()) {
        return std::chrono::milliseconds(50);
    }
    std::vector<std::chrono::microseconds> times(recent_analysis_times_.begin(),
                                                 recent_analysis_times_.end());
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2),
                     times.end());
    const auto median =
        std::chrono::duration_cast<std::chrono::milliseconds>(times[times.size() / 2]);
    return std::clamp(median, std::chrono::milliseconds(20), std::chrono::milliseconds(300));
}

void LanguageServer::schedule_analysis(const std::string& uri, std::chrono::milliseconds delay) {
    scheduler_.schedule(uri, delay, [this, uri]() -> Scheduler::Work {
        Document* document = documents_.find(uri);
        if (!document) {
            return {};
        }
        if (document->result && document->result->generation == document->generation) {
            resume_waiters(uri, document);
            return {};
        }
        // Everything the worker needs, copied: the strand may edit the document meanwhile.
        auto snapshot = std::make_shared<syntax::Snapshot>(document->file.snapshot());
        const std::uint64_t generation = document->generation;
        const std::int64_t version = document->version;
        const std::string path = document->path;
        const analysis::DependencyFormat format = document->format;
        const analysis::Config config = config_for(document->path);
        const protocol::PositionEncoding encoding = encoding_;
        const std::string docs_url = settings_.rule_docs_url.value_or(rule_pages_);
        const std::uint64_t config_generation = config_generation_;
        return [this, uri, snapshot, generation, version, path, format, config, encoding,
                config_generation, docs_url]() -> std::function<void()> {
            const auto started = std::chrono::steady_clock::now();
            auto findings =
                format == analysis::DependencyFormat::None
                    ? analysis::analyze(snapshot->text, snapshot->tree.get(), path, config)
                    : analysis::check_dependencies(snapshot->text, path, config, format);
            PublishedResult result;
            result.generation = generation;
            result.version = version;
            result.result_id = std::to_string(generation) + "-" + std::to_string(config_generation);
            result.diagnostics =
                to_diagnostics(snapshot->text, findings, encoding, result.result_id, docs_url, uri);
            result.findings = std::move(findings);
            if (format == analysis::DependencyFormat::None) {
                if (const auto reason =
                        analysis::unanalysable(snapshot->text, snapshot->tree.get())) {
                    // After the findings' diagnostics (there are none): not one of them.
                    result.diagnostics.push_back({{"range",
                                                   {{"start", {{"line", 0}, {"character", 0}}},
                                                    {"end", {{"line", 0}, {"character", 0}}}}},
                                                  {"severity", 2},
                                                  {"source", "vigil"},
                                                  {"message", *reason}});
                }
            }
            const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - started);
            return [this, uri, result = std::move(result), elapsed]() mutable {
                on_analysis_done(uri, std::move(result), elapsed);
            };
        };
    });
}

void LanguageServer::on_analysis_done(const std::string& uri, PublishedResult result,
                                      std::chrono::microseconds elapsed) {
    spdlog::debug("analysed {} in {} us", uri, elapsed.count());
    recent_analysis_times_.push_back(elapsed);
    if (recent_analysis_times_.size() > 10) {
        recent_analysis_times_.pop_front();
    }
    Document* document = documents_.find(uri);
    if (!document || document->generation != result.generation) {
        return; // closed or edited since: this result describes a text that no longer exists
    }
    document->result = std::move(result);
    resume_waiters(uri, document);
    if (!client_pulls_diagnostics_) {
        notify("textDocument/publishDiagnostics", {{"uri", uri},
                                                   {"version", document->result->version},
                                                   {"diagnostics", document->result->diagnostics}});
    }
}

} // namespace vigil::server
