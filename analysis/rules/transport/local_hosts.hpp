// Hosts where plain HTTP is expected, shared by VG140 (http URLs in code) and VG703/VG705 (package
// indexes in dependency files).
#pragma once

#include <string>

namespace vigil::analysis {

// This machine, private and link-local networks (the cloud metadata service speaks only HTTP),
// single-label names (services on an internal network), IPv6 literals, and names reserved for
// tests and documentation. Case-insensitive.
bool is_local_host(std::string host);

} // namespace vigil::analysis
