// Debounced background work keyed by document: the strand (the io_context's thread) arms a timer
// per key; when it fires, a snapshot is taken on the strand and the work runs on a worker thread;
// its continuation comes back to the strand. At most one job runs per key, and a request made
// while one runs is carried out right after it, with a fresh snapshot.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace vigil::server {

class Scheduler {
public:
    // Runs on a worker thread; returns what to run back on the strand.
    using Work = std::function<std::function<void()>()>;
    // Runs on the strand when the timer fires: takes the snapshot and returns the work (or an
    // empty function when there is nothing to do any more).
    using Prepare = std::function<Work()>;

    Scheduler(boost::asio::io_context& io, unsigned worker_threads);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // (Re)arms the key's timer; an earlier pending request for the key is replaced.
    void schedule(const std::string& key, std::chrono::milliseconds delay, Prepare prepare);

    // Forgets pending work for the key. A job already running finishes, but its continuation
    // must itself check whether its result is still wanted.
    void cancel(const std::string& key);

    // Calls `callback` on the strand as soon as no timer is armed and no job runs (now if idle).
    void when_idle(std::function<void()> callback);

    bool idle() const;

    // Stops timers and waits for running jobs; continuations are dropped.
    void stop();

private:
    struct Slot {
        std::unique_ptr<boost::asio::steady_timer> timer;
        bool armed = false;
        bool running = false;
        Prepare pending; // requested while running
    };

    void fire(const std::string& key);
    void start(const std::string& key, Slot& slot, Prepare prepare);
    void finished(const std::string& key);
    void notify_if_idle();

    boost::asio::io_context& io_;
    boost::asio::thread_pool workers_;
    // The pool's threads beyond its first, attached to it one by one so that a thread the system
    // refuses leaves fewer workers rather than a pool that cannot be destroyed.
    std::vector<std::thread> attached_;
    std::map<std::string, Slot> slots_;
    std::vector<std::function<void()>> idle_callbacks_;
    bool stopped_ = false;
};

} // namespace vigil::server
