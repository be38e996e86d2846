// creditnode: the node's one executable. Parses the command line (CLI11)
// and dispatches to node/commands.h; see docs/CLI.md.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "node/commands.h"
#include "node/signals.h"

namespace cn = creditnode::node;

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("creditnode"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  CLI::App app{"CreditNode: a node of the shared credit registry"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "creditnode 0.1.0");

  cn::InitArgs init;
  auto* c_init = app.add_subcommand(
      "init", "Create a data dir: keys, config, tokens, store");
  c_init->add_option("--data", init.data_dir, "Data directory")->required();
  c_init
      ->add_option("--origin", init.origin,
                   "Feed origin, e.g. wuhan.gov.example/tax")
      ->required();
  c_init->add_option("--listen", init.listen, "HOST:PORT to serve on")
      ->default_val("127.0.0.1:8080");

  cn::KeygenArgs keygen;
  auto* c_keygen =
      app.add_subcommand("keygen", "Write a new Ed25519 key file (mode 0600)");
  c_keygen->add_option("--out", keygen.out, "Key file to create")->required();
  c_keygen
      ->add_option("--name", keygen.name,
                   "Key name for the verifier key (the origin)")
      ->required();

  cn::ServeArgs serve;
  auto* c_serve = app.add_subcommand("serve", "Serve the HTTP API");
  c_serve->add_option("--data", serve.data_dir, "Data directory")->required();
  c_serve->add_option("--listen", serve.listen,
                      "HOST:PORT (overrides the config)");

  cn::PublishArgs publish;
  auto* c_publish = app.add_subcommand(
      "publish", "Publish one entry (or {\"entries\":[...]}) from JSON");
  c_publish->add_option("--data", publish.data_dir, "Data directory")
      ->required();
  c_publish->add_option("file", publish.file, "JSON file, or - for stdin")
      ->required();

  cn::ImportArgs import;
  auto* c_import = app.add_subcommand(
      "import", "Import a CSV list of records (docs/import.md)");
  c_import->add_option("--data", import.data_dir, "Data directory")->required();
  c_import->add_option("file", import.file, "CSV file")
      ->required()
      ->check(CLI::ExistingFile);
  c_import->add_flag("--skip-invalid", import.skip_invalid,
                     "Import the valid rows even if some are rejected");
  c_import->add_option("--batch", import.batch, "Entries per synced write")
      ->default_val(2000)
      ->check(CLI::Range(1, 10000));
  c_import->add_option("--report", import.report,
                       "Write rejected rows to this CSV file");

  cn::LookupArgs lookup;
  auto* c_lookup = app.add_subcommand(
      "lookup", "Entries about a subject, with their status");
  c_lookup->add_option("--data", lookup.data_dir, "Data directory")->required();
  c_lookup
      ->add_option("id", lookup.id, "USCC, organization code or resident ID")
      ->required();
  c_lookup->add_option("--as-of", lookup.as_of,
                       "Status date YYYY-MM-DD (default: today)");
  c_lookup
      ->add_option("--scheme", lookup.scheme, "uscc, org_code or resident_id")
      ->check(CLI::IsMember({"uscc", "org_code", "resident_id"}));
  c_lookup->add_flag("--public", lookup.public_view,
                     "Show the public view (D8)");

  cn::DemoArgs demo;
  auto* c_demo =
      app.add_subcommand("demo", "Start a node with generated demo data");
  c_demo->add_option("--data", demo.data_dir, "Data directory (created if new)")
      ->required();
  c_demo->add_option("--listen", demo.listen, "HOST:PORT")
      ->default_val("127.0.0.1:8080");
  c_demo->add_option("--records", demo.records, "Records to generate")
      ->default_val(3000)
      ->check(CLI::Range(10, 10000000));
  c_demo->add_option("--seed", demo.seed, "Generator seed")
      ->default_val(20261125);

  cn::ExportArgs export_args;
  auto* c_export = app.add_subcommand(
      "export", "Write the feed up to its latest checkpoint as a bundle");
  c_export->add_option("--data", export_args.data_dir, "Data directory")
      ->required();
  c_export->add_option("--out", export_args.out, "Bundle file to write")
      ->required();
  c_export->add_option("--origin", export_args.origin,
                       "Feed to export (default: the node's own)");

  cn::AuditArgs audit;
  auto* c_audit = app.add_subcommand(
      "audit",
      "Verify every feed of a node, or a bundle: signatures, roots, "
      "consistency with the last audit");
  auto* audit_url =
      c_audit->add_option("url", audit.url, "Node to audit: http://HOST:PORT");
  auto* audit_bundle =
      c_audit->add_option("--bundle", audit.bundle, "Bundle file to audit")
          ->check(CLI::ExistingFile);
  audit_url->excludes(audit_bundle);
  c_audit->add_option("--token", audit.token,
                      "Auditor token (entries carry personal data)");
  c_audit->add_option("--state", audit.state_dir,
                      "Directory keeping what earlier audits saw");
  c_audit->add_flag("--canonical", audit.check_canonical,
                    "Also check each entry's bytes are canonical (slower)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cn::kExitUsage;
  }

  // Before any thread starts (RocksDB's, the server's): every thread
  // inherits the mask, so only the command's sigwait sees SIGINT/SIGTERM.
  // Other commands keep the default action, so Ctrl-C stops an import.
  if (*c_serve || *c_demo) cn::BlockTerminationSignals();

  if (*c_init) return cn::RunInit(init);
  if (*c_keygen) return cn::RunKeygen(keygen);
  if (*c_serve) return cn::RunServe(serve);
  if (*c_publish) return cn::RunPublish(publish);
  if (*c_import) return cn::RunImport(import);
  if (*c_lookup) return cn::RunLookup(lookup);
  if (*c_demo) return cn::RunDemo(demo);
  if (*c_export) return cn::RunExport(export_args);
  if (*c_audit) {
    if (audit.url.empty() && audit.bundle.empty()) {
      std::fprintf(stderr, "error: audit needs a URL or --bundle FILE\n");
      return cn::kExitUsage;
    }
    return cn::RunAudit(audit);
  }
  return cn::kExitUsage;
}
