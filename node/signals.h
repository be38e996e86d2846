// Termination signals for long-running commands (serve, demo).
// BlockTerminationSignals() must run in main() before any thread starts, so
// that every thread inherits the mask and only WaitForTerminationSignal()
// receives SIGINT/SIGTERM (sigwait), never a random I/O thread.
#pragma once

namespace creditnode::node {

void BlockTerminationSignals();
// Blocks until SIGINT or SIGTERM; returns the signal number.
int WaitForTerminationSignal();

}  // namespace creditnode::node
