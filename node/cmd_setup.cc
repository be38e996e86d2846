// `creditnode init` and `creditnode keygen`, and the shared error report.
#include <fmt/core.h>

#include "crypto/ed25519.h"
#include "crypto/key_file.h"
#include "crypto/verifier_key.h"
#include "node/commands.h"
#include "node/local_feed.h"

namespace creditnode::node {

int ReportError(const Status& status) {
  fmt::print(stderr, "error: {}\n", status.message());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists:
    case StatusCode::kPermissionDenied:
      return kExitRejected;
    default:
      return kExitFailure;
  }
}

int RunInit(const InitArgs& args) {
  InitOptions options;
  options.origin = args.origin;
  options.listen = args.listen;
  StatusOr<Config> config = InitDataDir(args.data_dir, options);
  if (!config.ok()) return ReportError(config.status());
  fmt::print("initialised {} for feed {}\n", args.data_dir, config->origin);
  for (const TokenConfig& t : config->tokens)
    fmt::print("{} token: {}\n", t.role, t.token);
  fmt::print("start it with: creditnode serve --data {}\n", args.data_dir);
  return kExitOk;
}

int RunKeygen(const KeygenArgs& args) {
  // The name is checked first: nothing is generated or written for a name
  // FormatVerifierKey would refuse (C2SP signed-note key name rules).
  if (Status s = crypto::ValidateKeyName(args.name); !s.ok()) {
    return ReportError(s.WithPrefix("--name"));
  }
  if (Status s = crypto::InitCrypto(); !s.ok()) return ReportError(s);
  StatusOr<crypto::Ed25519KeyPair> key = crypto::GenerateEd25519KeyPair();
  if (!key.ok()) return ReportError(key.status());
  if (Status s = crypto::WriteKeyFile(args.out, key->seed); !s.ok())
    return ReportError(s);
  fmt::print("wrote {} (mode 0600)\nverifier key: {}\n", args.out,
             crypto::FormatVerifierKey(args.name, key->public_key));
  return kExitOk;
}

}  // namespace creditnode::node
