#include "server/check/runner.hpp"

#include "analysis/dependencies/requirements.hpp"
#include "analysis/syntax/source_file.hpp"
#include "server/check/baseline.hpp"
#include "server/check/filters.hpp"
#include "server/check/progress.hpp"
#include "server/check/report.hpp"
#include "server/check/scan_file.hpp"
#include "server/check/walker.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unistd.h>

#ifndef VIGIL_VERSION
#define VIGIL_VERSION "0.0.0"
#endif

namespace vigil::server {

namespace fs = std::filesystem;
using namespace check;

namespace {

// Receives each file's report in walk order: feeds the writers, prints notices, keeps the counts.
class Emitter {
public:
    // With `diff_out`, each file's diff is written there instead of the reports.
    Emitter(std::vector<ReportWriter*> writers, bool notices_to_stderr, std::ostream* diff_out)
        : writers_(std::move(writers)), notices_to_stderr_(notices_to_stderr), diff_out_(diff_out) {
    }

    void emit(const FileReport& report) {
        if (report.analysed) {
            ++summary_.files;
        } else {
            ++summary_.skipped;
        }
        for (const Notice& notice : report.notices) {
            if (notice.kind == Notice::Kind::SyntaxError) {
                ++summary_.syntax_errors;
            }
            if (notices_to_stderr_) {
                std::cerr << "vigil: " << notice.path;
                if (notice.line > 0) {
                    std::cerr << ':' << notice.line << ':' << notice.column;
                }
                std::cerr << ": " << notice.message << '\n';
            }
        }
        for (const ReportFinding& finding : report.findings) {
            if (finding.in_baseline) {
                ++summary_.in_baseline;
            } else {
                ++summary_.findings;
                ++summary_.by_severity[static_cast<int>(finding.severity)];
            }
        }
        summary_.fixed += report.fixed;
        if (diff_out_) {
            if (!report.diff.empty()) {
                ++summary_.fixable_files;
                *diff_out_ << report.diff;
            }
            return;
        }
        for (ReportWriter* writer : writers_) {
            writer->file(report);
        }
    }

    ScanSummary& summary() { return summary_; }

private:
    std::vector<ReportWriter*> writers_;
    bool notices_to_stderr_;
    std::ostream* diff_out_;
    ScanSummary summary_;
};

struct Pipeline {
    std::mutex mutex;
    std::condition_variable work_ready;   // workers wait: a job, or the end of the walk
    std::condition_variable report_ready; // the writer waits: the next report in order
    std::condition_variable room;         // the walker waits: the window has room
    std::deque<std::pair<std::size_t, WalkEntry>> queue;
    std::map<std::size_t, FileReport> done;
    std::size_t found = 0; // files handed over by the walker so far
    std::size_t next = 0;  // the next report to write
    std::size_t window = 64;
    bool walk_finished = false;
    bool stopping = false;
};

// Starts `body` on a new thread in `threads`; when the system refuses one (std::system_error), sets
// `error` instead, where a thread left unjoined would have aborted the program.
template <typename Body>
void start_thread(std::vector<std::thread>& threads, std::string& error, Body&& body) {
    try {
        threads.emplace_back(std::forward<Body>(body));
    } catch (const std::system_error& refused) {
        error = refused.what();
    }
}

void run_pipeline(const CheckOptions& options, const ScanContext& context, Emitter& emitter,
                  Progress& progress) {
    unsigned jobs = options.jobs != 0 ? options.jobs : std::thread::hardware_concurrency();
    jobs = std::max(jobs, 1u);
    Pipeline pipeline;
    pipeline.window = std::max<std::size_t>(64, 8 * static_cast<std::size_t>(jobs));

    WalkOptions walk_options;
    walk_options.roots = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    walk_options.exclude = options.exclude;
    walk_options.respect_gitignore = options.respect_gitignore;
    // The walker asks only of directories whose listing holds a pyproject.toml or a .bandit.
    walk_options.configured_excludes = [&context](const std::string& directory) {
        const fs::path dir(directory);
        // The excludes of the settings this directory itself holds ([tool.vigil] exclude, or
        // Bandit's exclude_dirs / exclude).
        const analysis::LoadedConfig loaded = context.loader->for_file(dir / "__init__.py");
        if (loaded.source.empty() || fs::path(loaded.source).parent_path() != dir) {
            return std::vector<std::string>{};
        }
        return loaded.exclude;
    };

    std::thread walker([&] {
        const std::function<void(WalkEntry)> visit = [&](WalkEntry entry) {
            std::unique_lock lock(pipeline.mutex);
            pipeline.room.wait(lock, [&] {
                return pipeline.stopping || pipeline.found < pipeline.next + pipeline.window;
            });
            if (pipeline.stopping) {
                return;
            }
            pipeline.queue.emplace_back(pipeline.found++, std::move(entry));
            pipeline.work_ready.notify_one();
        };
        try {
            walk(walk_options, visit);
        } catch (const std::exception& exception) {
            std::cerr << "vigil: walking the tree failed: " << exception.what() << '\n';
        }
        std::lock_guard lock(pipeline.mutex);
        pipeline.walk_finished = true;
        pipeline.work_ready.notify_all();
        pipeline.report_ready.notify_all();
    });

    std::vector<std::thread> workers;
    std::string refused; // why the system would not give us another thread
    for (unsigned i = 0; i < jobs && refused.empty(); ++i) {
        start_thread(workers, refused, [&] {
            syntax::ParserPtr parser = syntax::make_python_parser();
            while (true) {
                std::unique_lock lock(pipeline.mutex);
                pipeline.work_ready.wait(lock, [&] {
                    return pipeline.stopping || !pipeline.queue.empty() || pipeline.walk_finished;
                });
                if (pipeline.stopping || pipeline.queue.empty()) {
                    return;
                }
                auto [sequence, entry] = std::move(pipeline.queue.front());
                pipeline.queue.pop_front();
                lock.unlock();

                FileReport report;
                if (!entry.error.empty()) {
                    report.path = entry.display_path;
                    report.notices.push_back(
                        {Notice::Kind::Error, entry.display_path, entry.error});
                } else {
                    try {
                        report = scan_path(entry.display_path, parser.get(), context);
                    } catch (const std::exception& exception) {
                        report = FileReport{};
                        report.path = entry.display_path;
                        report.notices.push_back(
                            {Notice::Kind::Error, entry.display_path,
                             std::string("internal error: ") + exception.what()});
                    }
                }
                lock.lock();
                pipeline.done.emplace(sequence, std::move(report));
                if (sequence == pipeline.next) {
                    pipeline.report_ready.notify_one();
                }
            }
        });
    }
    if (!refused.empty()) {
        // Limits on processes or memory: go on with the threads that started, or stop the walker
        // and fail if none did.
        if (workers.empty()) {
            {
                std::lock_guard lock(pipeline.mutex);
                pipeline.stopping = true;
            }
            pipeline.room.notify_all();
            walker.join();
            throw std::runtime_error("cannot start an analysis thread: " + refused);
        }
        if (!options.quiet) {
            std::cerr << "vigil: started " << workers.size() << " of " << jobs
                      << " analysis threads: " << refused << '\n';
        }
    }

    // The writer: this thread, so that all terminal output (report, notices, progress) is ordered.
    std::unique_lock lock(pipeline.mutex);
    while (true) {
        const bool ready =
            pipeline.report_ready.wait_for(lock, std::chrono::milliseconds(100), [&] {
                return pipeline.done.contains(pipeline.next) ||
                       (pipeline.walk_finished && pipeline.next == pipeline.found);
            });
        if (ready && pipeline.done.contains(pipeline.next)) {
            auto node = pipeline.done.extract(pipeline.next);
            ++pipeline.next;
            pipeline.room.notify_one();
            const std::size_t next = pipeline.next;
            const std::size_t found = pipeline.found;
            const bool finished = pipeline.walk_finished;
            lock.unlock();
            const bool output = !node.mapped().findings.empty() || !node.mapped().notices.empty();
            if (output) {
                progress.clear();
            }
            emitter.emit(node.mapped());
            progress.update(next, found, emitter.summary().findings, finished); // rate-limited
            lock.lock();
            continue;
        }
        if (pipeline.walk_finished && pipeline.next == pipeline.found) {
            break;
        }
        const std::size_t next = pipeline.next;
        const std::size_t found = pipeline.found;
        const bool finished = pipeline.walk_finished;
        lock.unlock();
        progress.update(next, found, emitter.summary().findings, finished);
        lock.lock();
    }
    pipeline.stopping = true;
    pipeline.work_ready.notify_all();
    pipeline.room.notify_all();
    lock.unlock();
    walker.join();
    for (std::thread& worker : workers) {
        worker.join();
    }
    progress.clear();
}

std::string plural(std::size_t count, std::string_view noun) {
    return std::to_string(count) + ' ' + std::string(noun) + (count == 1 ? "" : "s");
}

void print_summary(const ScanSummary& summary) {
    std::ostringstream line;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2fs", summary.seconds);
    line << "vigil: scanned " << plural(summary.files, "file") << " in " << seconds << ": ";
    if (summary.findings == 0) {
        line << "no findings";
    } else {
        line << plural(summary.findings, "finding") << " ("
             << summary.by_severity[static_cast<int>(analysis::Level::High)] << " high, "
             << summary.by_severity[static_cast<int>(analysis::Level::Medium)] << " medium, "
             << summary.by_severity[static_cast<int>(analysis::Level::Low)] << " low)";
    }
    if (summary.fixed > 0) {
        line << ", " << plural(summary.fixed, "finding") << " fixed";
    }
    if (summary.in_baseline > 0) {
        line << ", " << summary.in_baseline << " more in the baseline";
    }
    if (summary.skipped > 0) {
        line << "; " << plural(summary.skipped, "file") << " skipped";
    }
    if (summary.syntax_errors > 0) {
        line << "; " << summary.syntax_errors << " with syntax errors";
    }
    std::cerr << line.str() << '\n';
}

bool color_wanted(const CheckOptions& options) {
    if (options.color) {
        return *options.color;
    }
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return options.output.empty() && ::isatty(STDOUT_FILENO) == 1 &&
           !(no_color != nullptr && *no_color != '\0') &&
           !(term != nullptr && std::string_view(term) == "dumb");
}

// Whether writing `target` would overwrite a file this scan reads: a path named on the command
// line, or a file with a scanned name below a named directory. By the file's identity, so that
// another spelling of it (./a/../app.py, a link) is caught too; a file that does not exist yet is
// no input.
bool overwrites_input(const std::string& target, const std::vector<std::string>& paths) {
    std::error_code error;
    if (!fs::exists(target, error)) {
        return false;
    }
    const fs::path real_target = fs::canonical(target, error);
    if (error) {
        return false;
    }
    const std::string name = real_target.filename().string();
    const bool scanned_name =
        is_python_file_name(name) || analysis::dependency_format_of_path(real_target.string()) !=
                                         analysis::DependencyFormat::None;
    for (const std::string& path : paths.empty() ? std::vector<std::string>{"."} : paths) {
        if (fs::equivalent(path, real_target, error)) {
            return true;
        }
        if (!scanned_name || !fs::is_directory(path, error)) {
            continue;
        }
        const fs::path root = fs::canonical(path, error);
        if (error) {
            continue;
        }
        const auto [root_end, unused] =
            std::mismatch(root.begin(), root.end(), real_target.begin(), real_target.end());
        if (root_end == root.end()) {
            return true; // below the directory
        }
    }
    return false;
}

// Refuses an output file that is an input of the scan, or both outputs in one file.
bool outputs_usable(const CheckOptions& options) {
    const std::pair<const std::string*, const char*> outputs[] = {
        {&options.output, "the report"}, {&options.write_baseline, "the baseline"}};
    for (const auto& [target, what] : outputs) {
        if (!target->empty() && options.stdin_filename.empty() &&
            overwrites_input(*target, options.paths)) {
            std::cerr << "vigil: refusing to write " << what << " to " << *target
                      << ": it is an input file of this scan\n";
            return false;
        }
    }
    if (!options.output.empty() && !options.write_baseline.empty()) {
        std::error_code error;
        auto where = [&error](const std::string& path) {
            return fs::weakly_canonical(fs::absolute(path, error), error);
        };
        const bool same = fs::exists(options.output, error)
                              ? fs::equivalent(options.output, options.write_baseline, error)
                              : where(options.output) == where(options.write_baseline);
        if (same) {
            std::cerr << "vigil: the report and the baseline cannot be written to the same file\n";
            return false;
        }
    }
    return true;
}

std::unique_ptr<ReportWriter> make_writer(ReportFormat format, std::ostream& out, bool color) {
    switch (format) {
    case ReportFormat::Json:
        return make_json_writer(out, false);
    case ReportFormat::Sarif: {
        std::error_code error;
        return make_sarif_writer(
            out, SarifContext{VIGIL_VERSION, fs::current_path(error).lexically_normal().string()});
    }
    case ReportFormat::Text:
        break;
    }
    return make_text_writer(out, color);
}

int run(const CheckOptions& options, std::ostream& stdout_stream) {
    const auto started = std::chrono::steady_clock::now();

    std::string error;
    const std::optional<analysis::ConfigOverrides> overrides =
        make_overrides(options.select, options.ignore, options.profile, options.severity,
                       options.confidence, error);
    if (!overrides) {
        std::cerr << "vigil: " << error << '\n';
        return 2;
    }
    for (const std::string& unknown : unknown_selectors(*overrides)) {
        std::cerr << "vigil: warning: no rule matches '" << unknown << "'\n";
    }
    if (options.stdin_filename.empty()) {
        for (const std::string& path : options.paths) {
            // A link named here is followed, so it must lead somewhere.
            std::error_code status_error;
            if (fs::exists(fs::status(path, status_error))) {
                continue;
            }
            std::error_code link_error;
            if (!fs::is_symlink(fs::symlink_status(path, link_error))) {
                std::cerr << "vigil: " << path << ": no such file or directory\n";
            } else if (status_error == std::errc::too_many_symbolic_link_levels) {
                std::cerr << "vigil: " << path << ": a symbolic link loop\n";
            } else {
                std::cerr << "vigil: " << path << ": a dangling symbolic link\n";
            }
            return 2;
        }
    }

    std::optional<Baseline> baseline;
    if (!options.baseline.empty()) {
        baseline = Baseline::load(options.baseline, error);
        if (!baseline) {
            std::cerr << "vigil: " << error << '\n';
            return 2;
        }
    }

    if (!outputs_usable(options)) {
        return 2;
    }
    std::ofstream file_stream;
    if (!options.output.empty()) {
        file_stream.open(options.output, std::ios::binary | std::ios::trunc);
        if (!file_stream) {
            std::cerr << "vigil: cannot write " << options.output << '\n';
            return 2;
        }
    }
    std::ofstream baseline_stream;
    if (!options.write_baseline.empty()) {
        baseline_stream.open(options.write_baseline, std::ios::binary | std::ios::trunc);
        if (!baseline_stream) {
            std::cerr << "vigil: cannot write " << options.write_baseline << '\n';
            return 2;
        }
    }
    std::ostream& out = options.output.empty() ? stdout_stream : file_stream;

    analysis::ConfigLoader loader;
    ConfigErrorLog config_errors;
    ScanContext context;
    context.loader = &loader;
    context.overrides = *overrides;
    context.config_errors = &config_errors;
    context.baseline = baseline ? &*baseline : nullptr;
    context.floor = options.floor;
    context.fix_mode = options.diff  ? ScanContext::FixMode::Diff
                       : options.fix ? ScanContext::FixMode::Write
                                     : ScanContext::FixMode::None;

    std::unique_ptr<ReportWriter> writer = make_writer(options.format, out, color_wanted(options));
    std::unique_ptr<ReportWriter> baseline_writer;
    std::vector<ReportWriter*> writers = {writer.get()};
    if (baseline_stream.is_open()) {
        baseline_writer = make_json_writer(baseline_stream, true);
        writers.push_back(baseline_writer.get());
    }
    for (ReportWriter* each : writers) {
        each->begin();
    }
    Emitter emitter(writers, !options.quiet, options.diff ? &out : nullptr);

    if (!options.stdin_filename.empty()) {
        std::string bytes{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
        syntax::ParserPtr parser = syntax::make_python_parser();
        emitter.emit(scan_bytes(options.stdin_filename, std::move(bytes), parser.get(), context));
    } else {
        Progress progress(std::cerr, !options.quiet && Progress::wanted());
        run_pipeline(options, context, emitter, progress);
    }

    ScanSummary& summary = emitter.summary();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (ReportWriter* each : writers) {
        each->end(summary);
    }
    if (!out || (baseline_stream.is_open() && !baseline_stream)) {
        std::cerr << "vigil: writing the report failed\n";
        return 2;
    }
    if (!options.quiet) {
        print_summary(summary);
    }
    if (options.diff) {
        // As ruff does: 1 when there is something to fix.
        return summary.fixable_files > 0 && !options.exit_zero ? 1 : 0;
    }
    return summary.findings > 0 && !options.exit_zero ? 1 : 0;
}

} // namespace

int run_check(const CheckOptions& options, std::ostream& out) {
    try {
        return run(options, out);
    } catch (const std::exception& exception) {
        std::cerr << "vigil: internal error: " << exception.what() << '\n';
        return 2;
    }
}

} // namespace vigil::server
