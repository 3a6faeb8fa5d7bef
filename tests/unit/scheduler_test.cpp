#include "server/lsp/scheduler.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <thread>

using vigil::server::Scheduler;
using namespace std::chrono_literals;

TEST_CASE("a burst of requests for one key runs once, with the last snapshot") {
    boost::asio::io_context io;
    Scheduler scheduler(io, 2);
    int prepared = 0;
    std::vector<int> completed;
    for (int version = 1; version <= 20; ++version) {
        scheduler.schedule("doc", 30ms, [&, version]() -> Scheduler::Work {
            ++prepared;
            return [&, version]() -> std::function<void()> {
                return [&, version]() { completed.push_back(version); };
            };
        });
    }
    bool idle = false;
    scheduler.when_idle([&] {
        idle = true;
        io.stop();
    });
    io.run_for(5s);
    CHECK(idle);
    CHECK(prepared == 1);
    CHECK(completed == std::vector<int>{20});
}

TEST_CASE("a request made while a job runs is carried out after it, never concurrently") {
    boost::asio::io_context io;
    Scheduler scheduler(io, 4);
    std::atomic<int> running{0};
    std::atomic<int> max_running{0};
    std::vector<int> completed;
    std::function<void(int)> request = [&](int version) {
        scheduler.schedule("doc", 0ms, [&, version]() -> Scheduler::Work {
            return [&, version]() -> std::function<void()> {
                const int now = ++running;
                max_running = std::max(max_running.load(), now);
                std::this_thread::sleep_for(20ms);
                --running;
                return [&, version]() {
                    completed.push_back(version);
                    if (version == 1) {
                        // Job 1 still counts as running until its continuation returns: of
                        // two requests made now, only the newest runs, after it.
                        request(2);
                        request(3);
                    }
                };
            };
        });
    };
    request(1);
    scheduler.when_idle([&] { io.stop(); });
    io.run_for(5s);
    CHECK(max_running.load() == 1);
    CHECK(completed == std::vector<int>{1, 3});
}

TEST_CASE("cancel drops pending work and idle is reported") {
    boost::asio::io_context io;
    Scheduler scheduler(io, 1);
    bool ran = false;
    scheduler.schedule("doc", 50ms, [&]() -> Scheduler::Work {
        ran = true;
        return {};
    });
    CHECK_FALSE(scheduler.idle());
    scheduler.cancel("doc");
    CHECK(scheduler.idle());
    bool idle = false;
    scheduler.when_idle([&] { idle = true; });
    CHECK(idle);
    io.run_for(100ms);
    CHECK_FALSE(ran);
}
