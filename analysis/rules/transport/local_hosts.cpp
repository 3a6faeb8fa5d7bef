#include "analysis/rules/transport/local_hosts.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace vigil::analysis {

namespace {

bool is_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
}

} // namespace

bool is_local_host(std::string host) {
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host.empty() || host.front() == '[') {
        return true; // IPv6 literals: [::1], link-local and ULA addresses are the common ones
    }
    if (host.find('.') == std::string::npos) {
        return true; // localhost, a service name on an internal network
    }
    auto ends_with_domain = [&](std::string_view domain) {
        return host == domain || host.ends_with("." + std::string(domain));
    };
    for (std::string_view domain : {"localhost", "local", "test", "example", "invalid", "internal",
                                    "example.com", "example.org", "example.net"}) {
        if (ends_with_domain(domain)) {
            return true;
        }
    }
    // IPv4: loopback, unspecified, private, link-local.
    std::string_view rest = host;
    int octets[4];
    for (int i = 0; i < 4; ++i) {
        const std::size_t dot = rest.find('.');
        const std::string_view part = rest.substr(0, dot);
        if (!is_digits(part) || part.size() > 3 || (i < 3) != (dot != std::string_view::npos)) {
            return false;
        }
        octets[i] = std::stoi(std::string(part));
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    return octets[0] == 127 || octets[0] == 10 || octets[0] == 0 ||
           (octets[0] == 192 && octets[1] == 168) || (octets[0] == 169 && octets[1] == 254) ||
           (octets[0] == 172 && octets[1] >= 16 && octets[1] <= 31);
}

} // namespace vigil::analysis
