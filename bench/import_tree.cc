// import_tree: the import of issue 4's bar "import with tree maintenance
// >= 0.85 x import without it". Runs exactly what `creditnode import` runs
// (node::RunImport) on an initialised data dir, with or without the Merkle
// tiles grown in each append batch (ledger::FeedStoreOptions::
// maintain_tree), and prints the rate. bench/run_benchmarks.sh alternates
// the two on fresh data dirs.
//
//   import_tree --data DIR --csv FILE [--no-tree]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "node/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"creditnode import with or without Merkle tree maintenance"};
  creditnode::node::ImportArgs args;
  bool no_tree = false;
  app.add_option("--data", args.data_dir, "Data dir made by creditnode init")
      ->required();
  app.add_option("--csv", args.file, "Records CSV (bench/generate_csv)")
      ->required();
  app.add_flag("--no-tree", no_tree, "Baseline: do not grow the Merkle tiles");
  CLI11_PARSE(app, argc, argv);
  args.maintain_tree = !no_tree;

  const auto start = std::chrono::steady_clock::now();
  const int rc = creditnode::node::RunImport(args);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (rc != 0) return rc;
  std::printf("import_tree: %s in %.2f s\n",
              no_tree ? "without tree" : "with tree", secs);
  return 0;
}
