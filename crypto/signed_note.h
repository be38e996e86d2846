// C2SP signed-note (https://c2sp.org/signed-note), D4: a UTF-8 text ending
// in "\n", a blank line, then one or more signature lines
//   "— <key name> <base64(4-byte key ID || signature)>\n"
// (U+2014 em dash, one space each side of the name). Ed25519 signatures
// (type 0x01) are over the text itself; key IDs as crypto/verifier_key.h.
// Notes may carry signatures from keys a verifier does not know (witness
// cosignatures, tlog-cosignature/v1); those are kept, not rejected.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/signer.h"
#include "crypto/verifier_key.h"
#include "util/status.h"

namespace creditnode::crypto {

struct NoteSignature {
  std::string key_name;
  uint32_t key_id = 0;
  std::string signature;  // raw bytes after the 4-byte key ID
};

struct Note {
  std::string text;                       // ends in "\n"; may hold blank lines
  std::vector<NoteSignature> signatures;  // in the order they appear
};

// Signs `text` with `signer` under key `name` and returns the whole note.
// kInvalidArgument if text is empty, does not end in "\n", contains a
// blank line or is not valid UTF-8 without control characters other than
// "\n", or if name is not a valid key name.
StatusOr<std::string> SignNote(std::string_view text, std::string_view name,
                               const Signer& signer);

// Adds a signature line by `name`/`signer` to an existing note (a witness
// cosigning). Same errors, plus those of ParseNote.
StatusOr<std::string> AddNoteSignature(std::string_view note,
                                       std::string_view name,
                                       const Signer& signer);

// Splits a note into text and signature lines at its last blank line (the
// text may contain blank lines, as the spec allows). kInvalidArgument
// naming what is malformed (not UTF-8, a control character other than
// "\n", no blank line, bad signature line, bad key name, bad base64, a
// signature shorter than 5 bytes, more than 100 signatures).
StatusOr<Note> ParseNote(std::string_view note);

// Parses `note` and checks that it carries a valid Ed25519 signature by
// `key` (matched by name and key ID; lines of other keys are ignored).
// kInvalidArgument("note: ...") if it is malformed, has no signature by
// that key, or any signature line by that key does not verify. Returns
// the parsed note.
StatusOr<Note> VerifyNote(std::string_view note, const VerifierKey& key);

}  // namespace creditnode::crypto
