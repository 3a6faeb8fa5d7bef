// The language server: lifecycle, dispatch of JSON-RPC messages to handlers, and the path from a
// document change to published diagnostics. Runs on one io_context thread (the strand); analysis
// runs on the scheduler's workers.
#pragma once

#include "analysis/config.hpp"
#include "analysis/config_loader.hpp"
#include "protocol/jsonrpc.hpp"
#include "protocol/position.hpp"
#include "protocol/transport.hpp"
#include "server/lsp/code_actions.hpp"
#include "server/lsp/diagnostics.hpp"
#include "server/lsp/documents.hpp"
#include "server/lsp/scheduler.hpp"
#include "server/lsp/settings.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace vigil::server {

struct ServerOptions {
    // Fixed debounce delay; when unset, the delay adapts to recent analysis times.
    std::optional<std::chrono::milliseconds> debounce;
    unsigned worker_threads = 0; // 0: one per core
};

class LanguageServer {
public:
    LanguageServer(boost::asio::io_context& io, protocol::Transport& transport,
                   ServerOptions options);

    // Starts reading; returns when the client sends `exit` or closes the input. The result is
    // the process exit code: 0 if `shutdown` came first, 1 otherwise.
    int run();

private:
    enum class State { Uninitialized, Running, ShutDown };
    using Handler = std::function<void(const protocol::Request&)>;
    using NotificationHandler = std::function<void(const protocol::Notification&)>;

    // Dispatch.
    void on_message(std::string body);
    void on_request(const protocol::Request& request);
    void on_notification(const protocol::Notification& notification);
    void on_response(const protocol::Response& response);
    void register_handlers();

    // Replies. Each request is answered exactly once: async requests are kept in `pending_`
    // and whoever takes them out answers.
    void reply(const protocol::json& id, protocol::json result);
    void reply_error(const protocol::json& id, protocol::ErrorCode code, std::string_view message);
    void park(const protocol::Request& request);
    bool take(const protocol::json& id); // true if it was pending (and now is not)
    void notify(std::string_view method, protocol::json params);
    // A request to the client; `on_reply` gets its response (or nothing, if it never comes).
    void send_request(std::string_view method, protocol::json params,
                      std::function<void(const protocol::Response&)> on_reply);

    // Lifecycle.
    void on_initialize(const protocol::Request& request);
    void on_shutdown(const protocol::Request& request);
    void on_exit();
    void finish(int exit_code);
    void watch_parent_process();

    // Documents.
    void on_did_open(const protocol::Notification& notification);
    void on_did_change(const protocol::Notification& notification);
    void on_did_close(const protocol::Notification& notification);
    void on_did_save(const protocol::Notification& notification);
    void on_pull_diagnostics(const protocol::Request& request);
    void on_hover(const protocol::Request& request);
    void on_code_action(const protocol::Request& request);
    void on_resolve_code_action(const protocol::Request& request);
    // Runs `then` with the document once its result describes its current text (at once if it
    // does already), or with nullptr if the document is closed first.
    void when_current(const std::string& uri, std::function<void(const Document*)> then);
    void resume_waiters(const std::string& uri, const Document* document);

    // Settings.
    void on_initialized();
    void on_did_change_configuration(const protocol::Notification& notification);
    void pull_configuration();
    void apply_settings(EditorSettings settings);
    void reanalyse_all(std::string_view reason);
    void on_did_change_watched_files(const protocol::Notification& notification);
    static bool is_config_file(std::string_view uri);
    // The configuration for a document: its files' settings with the editor's on top. Publishes
    // (or clears) a diagnostic on a broken configuration file.
    analysis::Config config_for(const std::string& path);
    void apply_server_settings(); // the parts of settings_ the server itself uses

    // Analysis.
    void schedule_analysis(const std::string& uri, std::chrono::milliseconds delay);
    void on_analysis_done(const std::string& uri, PublishedResult result,
                          std::chrono::microseconds elapsed);
    std::chrono::milliseconds debounce_delay() const;

    boost::asio::io_context& io_;
    protocol::Transport& transport_;
    ServerOptions options_;
    Scheduler scheduler_;
    DocumentStore documents_;
    std::map<std::string, Handler> request_handlers_;
    std::map<std::string, NotificationHandler> notification_handlers_;

    State state_ = State::Uninitialized;
    int exit_code_ = 1;
    bool finished_ = false;
    protocol::PositionEncoding encoding_ = protocol::PositionEncoding::Utf16;
    bool client_pulls_diagnostics_ = false;
    std::string trace_ = "off";
    bool client_supports_configuration_ = false;  // workspace/configuration
    bool client_supports_refresh_ = false;        // workspace/diagnostic/refresh
    bool client_registers_configuration_ = false; // dynamic didChangeConfiguration
    CodeActionSupport code_action_support_;
    EditorSettings settings_;
    bool client_watches_files_ = false; // dynamic didChangeWatchedFiles
    analysis::ConfigLoader config_loader_;
    analysis::ConfigOverrides overrides_;
    std::map<std::string, std::string> config_errors_; // config file path -> published message
    std::string rule_pages_ = find_rule_pages();       // codeDescription links, unless configured
    std::uint64_t config_generation_ = 1;

    // Pending async requests by serialized id, and which of them wait for a document's result.
    std::map<std::string, protocol::json> pending_;
    std::map<std::string, std::vector<std::function<void(const Document*)>>> result_waiters_;
    // Our own requests to the client awaiting replies, by serialized id; bounded.
    std::map<std::string, std::function<void(const protocol::Response&)>> outgoing_;
    std::int64_t next_outgoing_id_ = 1;
    std::deque<std::chrono::microseconds> recent_analysis_times_;
    std::optional<int> parent_pid_;
    std::unique_ptr<boost::asio::steady_timer> parent_timer_;
};

} // namespace vigil::server
