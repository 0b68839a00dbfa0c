#pragma once
#include <QtGlobal>

namespace protext {

// Resident memory of this process (Linux /proc/self/statm), for the status bar; 0 where
// it cannot be read.
qint64 residentMemoryBytes();

}  // namespace protext
