#include "server/lsp/scheduler.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <system_error>

namespace vigil::server {

Scheduler::Scheduler(boost::asio::io_context& io, unsigned worker_threads) : io_(io), workers_(1) {
    // The pool is built with one thread (which makes asio keep the posts a pool thread makes to
    // itself on that thread; jobs are posted from the strand, which is not one) and the others are
    // attached: a pool built with n threads that cannot all start throws from its constructor
    // and then waits forever for the ones that did.
    attached_.reserve(worker_threads);
    for (unsigned i = 1; i < worker_threads; ++i) {
        try {
            attached_.emplace_back([this] { workers_.attach(); });
        } catch (const std::system_error& error) {
            spdlog::warn("started {} of {} analysis threads: {}", i, worker_threads, error.what());
            break;
        }
    }
}

Scheduler::~Scheduler() {
    stop();
}

void Scheduler::schedule(const std::string& key, std::chrono::milliseconds delay, Prepare prepare) {
    if (stopped_) {
        return;
    }
    Slot& slot = slots_[key];
    if (slot.running) {
        // Carried out when the running job finishes; the newest request wins.
        slot.pending = std::move(prepare);
        if (slot.timer) {
            slot.timer->cancel();
        }
        slot.armed = false;
        return;
    }
    if (!slot.timer) {
        slot.timer = std::make_unique<boost::asio::steady_timer>(io_);
    }
    slot.timer->expires_after(delay);
    slot.armed = true;
    slot.pending = std::move(prepare);
    slot.timer->async_wait([this, key](const boost::system::error_code& error) {
        if (!error) {
            fire(key);
        }
    });
}

void Scheduler::fire(const std::string& key) {
    const auto it = slots_.find(key);
    if (it == slots_.end() || !it->second.armed) {
        return;
    }
    Slot& slot = it->second;
    slot.armed = false;
    start(key, slot, std::move(slot.pending));
}

void Scheduler::start(const std::string& key, Slot& slot, Prepare prepare) {
    slot.pending = nullptr;
    Work work = prepare ? prepare() : Work{};
    if (!work) {
        notify_if_idle();
        return;
    }
    slot.running = true;
    // The io_context must not run out of work while the job is away on a worker.
    auto guard = boost::asio::make_work_guard(io_);
    boost::asio::post(workers_, [this, key, work = std::move(work), guard = std::move(guard)]() {
        std::function<void()> continuation;
        try {
            continuation = work();
        } catch (const std::exception& error) {
            spdlog::error("background job failed: {}", error.what());
        }
        boost::asio::post(io_, [this, key, continuation = std::move(continuation)]() {
            if (stopped_) {
                return;
            }
            if (continuation) {
                continuation();
            }
            finished(key);
        });
    });
}

void Scheduler::finished(const std::string& key) {
    const auto it = slots_.find(key);
    if (it == slots_.end()) {
        notify_if_idle();
        return;
    }
    Slot& slot = it->second;
    slot.running = false;
    if (slot.pending && !slot.armed) {
        start(key, slot, std::move(slot.pending));
        return;
    }
    if (!slot.armed && !slot.pending) {
        slots_.erase(it);
    }
    notify_if_idle();
}

void Scheduler::cancel(const std::string& key) {
    const auto it = slots_.find(key);
    if (it == slots_.end()) {
        return;
    }
    Slot& slot = it->second;
    if (slot.timer) {
        slot.timer->cancel();
    }
    slot.armed = false;
    slot.pending = nullptr;
    if (!slot.running) {
        slots_.erase(it);
    }
    notify_if_idle();
}

bool Scheduler::idle() const {
    for (const auto& [key, slot] : slots_) {
        if (slot.armed || slot.running || slot.pending) {
            return false;
        }
    }
    return true;
}

void Scheduler::when_idle(std::function<void()> callback) {
    idle_callbacks_.push_back(std::move(callback));
    notify_if_idle();
}

void Scheduler::notify_if_idle() {
    if (idle_callbacks_.empty() || !idle()) {
        return;
    }
    auto callbacks = std::move(idle_callbacks_);
    idle_callbacks_.clear();
    for (auto& callback : callbacks) {
        callback();
    }
}

void Scheduler::stop() {
    if (stopped_) {
        return;
    }
    stopped_ = true;
    for (auto& [key, slot] : slots_) {
        if (slot.timer) {
            slot.timer->cancel();
        }
    }
    workers_.join(); // the attached threads return with the pool's own
    for (std::thread& thread : attached_) {
        thread.join();
    }
    slots_.clear();
}

} // namespace vigil::server
