// verify_feed: an independent check of a CreditNode feed with the Go
// module's own transparency-log code (golang.org/x/mod/sumdb/note and
// sumdb/tlog, Debian's golang-golang-x-mod-dev) and Go's crypto/ed25519,
// none of which this project wrote. Run by tests/interop/interop_test.cc:
//
//   go run verify_feed.go INPUT.json
//
// INPUT is written by the test: the feed's verifier key, its signed
// checkpoint note, its entries, and inclusion and consistency proofs.
// Exit 0 and "ok" if everything verifies; exit 1 naming the first failure.
package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	VerifierKey string `json:"verifier_key"`
	Checkpoint  string `json:"checkpoint"`
	Entries     []struct {
		Index     int64  `json:"index"`
		Bytes     string `json:"bytes"`
		Signature string `json:"signature"`
	} `json:"entries"`
	Inclusion []struct {
		Index int64    `json:"index"`
		Size  int64    `json:"size"`
		Proof []string `json:"proof"`
	} `json:"inclusion"`
	Consistency []struct {
		Old     int64    `json:"old"`
		OldRoot string   `json:"old_root"`
		Size    int64    `json:"size"`
		Root    string   `json:"root"`
		Proof   []string `json:"proof"`
	} `json:"consistency"`
}

func fail(format string, args ...interface{}) {
	fmt.Printf("FAIL "+format+"\n", args...)
	os.Exit(1)
}

func hash(s string) tlog.Hash {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != tlog.HashSize {
		fail("bad hash %q", s)
	}
	var h tlog.Hash
	copy(h[:], b)
	return h
}

func hashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		out[i] = hash(s)
	}
	return out
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("read input: %v", err)
	}
	var in input
	if err := json.Unmarshal(raw, &in); err != nil {
		fail("parse input: %v", err)
	}

	// The checkpoint: a C2SP signed note, verified by x/mod's note package.
	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open([]byte(in.Checkpoint), note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint note: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 || lines[0] != verifier.Name() {
		fail("checkpoint text: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	root := hash(lines[2])

	// Every entry: its Ed25519 signature under the D2 domain, and its
	// inclusion under the checkpoint's root, proof from the node.
	vkeyParts := strings.Split(in.VerifierKey, "+")
	keyBytes, err := base64.StdEncoding.DecodeString(vkeyParts[2])
	if err != nil || len(keyBytes) != 33 || keyBytes[0] != 1 {
		fail("verifier key bytes")
	}
	pub := ed25519.PublicKey(keyBytes[1:])
	if int64(len(in.Entries)) != size {
		fail("have %d entries, checkpoint size %d", len(in.Entries), size)
	}
	leaves := map[int64]tlog.Hash{}
	for _, e := range in.Entries {
		b, err1 := base64.StdEncoding.DecodeString(e.Bytes)
		sig, err2 := base64.StdEncoding.DecodeString(e.Signature)
		if err1 != nil || err2 != nil {
			fail("entry %d: base64", e.Index)
		}
		msg := append([]byte("creditnode/entry/v1\n"), b...)
		if !ed25519.Verify(pub, msg, sig) {
			fail("entry %d: signature does not verify", e.Index)
		}
		leaves[e.Index] = tlog.RecordHash(b)
	}
	for _, p := range in.Inclusion {
		if p.Size != size {
			fail("inclusion proofs are checked against the checkpoint size")
		}
		if err := tlog.CheckRecord(hashes(p.Proof), p.Size, root, p.Index, leaves[p.Index]); err != nil {
			fail("inclusion of %d in %d: %v", p.Index, p.Size, err)
		}
	}
	for _, p := range in.Consistency {
		if p.Size == size && hash(p.Root) != root {
			fail("consistency: root of size %d differs from the checkpoint", size)
		}
		if err := tlog.CheckTree(hashes(p.Proof), p.Size, hash(p.Root), p.Old, hash(p.OldRoot)); err != nil {
			fail("consistency %d to %d: %v", p.Old, p.Size, err)
		}
	}
	fmt.Println("ok")
}
