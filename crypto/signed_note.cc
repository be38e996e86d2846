// C2SP signed-note: formatting, parsing and Ed25519 verification. The
// parsing rules follow the spec (and golang.org/x/mod/sumdb/note, whose
// vectors tests/crypto/signed_note_test.cc uses).

#include "crypto/signed_note.h"

#include <memory>
#include <utility>

#include "crypto/ed25519.h"
#include "crypto/utf8.h"
#include "util/encoding.h"

namespace creditnode::crypto {

namespace {

// "— ": U+2014 EM DASH and one space.
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";
constexpr size_t kMaxSignatures = 100;

Status Malformed(const std::string& what) {
  return InvalidArgumentError("note: " + what);
}

// The character rules of the whole note (spec "Format"): valid UTF-8 and no
// ASCII control character other than "\n".
Status CheckCharacters(std::string_view note) {
  if (!IsValidUtf8(note)) return Malformed("not valid UTF-8");
  for (char ch : note) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\n') {
      return Malformed("has a control character other than newline");
    }
  }
  return OkStatus();
}

// What SignNote accepts as text: the spec's rules plus "no blank line", a
// stricter choice for what we sign (a checkpoint never has one).
Status CheckText(std::string_view text) {
  if (text.empty()) return Malformed("text is empty");
  if (text.back() != '\n') return Malformed("text does not end in a newline");
  if (!IsValidUtf8(text)) return Malformed("text is not valid UTF-8");
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\n') return Malformed("text has a control character");
    if (c == '\n' && (i == 0 || text[i - 1] == '\n')) {
      return Malformed("text has a blank line");
    }
  }
  return OkStatus();
}

std::string SignatureLine(std::string_view name, uint32_t key_id,
                          std::string_view signature) {
  std::string blob;
  for (int shift = 24; shift >= 0; shift -= 8) {
    blob.push_back(static_cast<char>((key_id >> shift) & 0xff));
  }
  blob.append(signature);
  return std::string(kSignaturePrefix) + std::string(name) + " " +
         Base64Encode(blob) + "\n";
}

StatusOr<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
    return Malformed("signature line does not start with \"\u2014 \"");
  }
  line.remove_prefix(kSignaturePrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || space == 0) {
    return Malformed("signature line has no key name and signature");
  }
  if (line.find(' ', space + 1) != std::string_view::npos) {
    return Malformed(
        "signature line has more than a key name and a signature (key "
        "names cannot contain spaces)");
  }
  NoteSignature sig;
  sig.key_name = std::string(line.substr(0, space));
  CN_RETURN_IF_ERROR(ValidateKeyName(sig.key_name).WithPrefix("note"));
  StatusOr<std::string> blob = Base64Decode(line.substr(space + 1));
  if (!blob.ok()) return Malformed("signature is not base64");
  if (blob->size() < 5) return Malformed("signature is shorter than 5 bytes");
  for (int i = 0; i < 4; ++i) {
    sig.key_id = (sig.key_id << 8) | static_cast<uint8_t>((*blob)[i]);
  }
  sig.signature = blob->substr(4);
  return sig;
}

StatusOr<std::string> Signed(std::string_view note_so_far,
                             std::string_view text, std::string_view name,
                             const Signer& signer) {
  CN_RETURN_IF_ERROR(ValidateKeyName(name));
  if (signer.PublicKey().size() != 32) {
    return InvalidArgumentError("note: signer is not an Ed25519 key");
  }
  CN_ASSIGN_OR_RETURN(std::string signature, signer.Sign(text));
  return std::string(note_so_far) +
         SignatureLine(name, Ed25519KeyId(name, signer.PublicKey()), signature);
}

}  // namespace

StatusOr<std::string> SignNote(std::string_view text, std::string_view name,
                               const Signer& signer) {
  CN_RETURN_IF_ERROR(CheckText(text));
  return Signed(std::string(text) + "\n", text, name, signer);
}

StatusOr<std::string> AddNoteSignature(std::string_view note,
                                       std::string_view name,
                                       const Signer& signer) {
  CN_ASSIGN_OR_RETURN(Note parsed, ParseNote(note));
  if (parsed.signatures.size() >= kMaxSignatures) {
    return Malformed("already has " + std::to_string(kMaxSignatures) +
                     " signatures");
  }
  return Signed(note, parsed.text, name, signer);
}

StatusOr<Note> ParseNote(std::string_view note) {
  CN_RETURN_IF_ERROR(CheckCharacters(note));
  // The text ends at the last blank line; what follows is signatures. The
  // text itself may contain blank lines (the spec's own example does), and
  // a signature line can hold no "\n\n", so the last one is the separator.
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Malformed("no blank line before the signatures");
  }
  Note out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') {
    return Malformed("signatures do not end in a newline");
  }
  while (!sigs.empty()) {
    const size_t end = sigs.find('\n');
    CN_ASSIGN_OR_RETURN(NoteSignature sig,
                        ParseSignatureLine(sigs.substr(0, end)));
    out.signatures.push_back(std::move(sig));
    if (out.signatures.size() > kMaxSignatures) {
      return Malformed("more than " + std::to_string(kMaxSignatures) +
                       " signatures");
    }
    sigs.remove_prefix(end + 1);
  }
  return out;
}

StatusOr<Note> VerifyNote(std::string_view note, const VerifierKey& key) {
  CN_ASSIGN_OR_RETURN(Note parsed, ParseNote(note));
  CN_ASSIGN_OR_RETURN(std::unique_ptr<Ed25519Verifier> verifier,
                      Ed25519Verifier::New(key.public_key));
  // Spec "Signatures": lines of other keys (even with the same name or the
  // same ID, not both) are ignored; every line of the known key MUST be
  // verified, and one that fails rejects the whole note (its SHOULD). Go's
  // sumdb/note checks only the first line of a key and skips repeats, so a
  // bad repeat after a good line is rejected here but accepted there.
  bool found = false;
  for (const NoteSignature& sig : parsed.signatures) {
    if (sig.key_name != key.name || sig.key_id != key.key_id) continue;
    if (!verifier->Verify(sig.signature, parsed.text).ok()) {
      return Malformed("signature by " + key.name + " does not verify");
    }
    found = true;
  }
  if (!found) return Malformed("no signature by " + key.name);
  return parsed;
}

}  // namespace creditnode::crypto
