package mailer

import (
	"testing"
)

func TestMessageIDIsValidDeterministicAndInjective(t *testing.T) {
	keys := []string{
		"dossier-42/relance-1",
		"dossier 42 : relance n°1",
		"a.b", "a%2Eb", "a..b", ".a", "a.", "a%", "",
		"%empty", "\x00empty",
		"<injected>@evil", "ligne\r\nBcc: x@y",
		"DOSSIER-42", "dossier-42",
	}
	seen := map[string]string{}
	for _, key := range keys {
		id := MessageID(key)
		if again := MessageID(key); again != id {
			t.Errorf("MessageID(%q) not deterministic: %q then %q", key, id, again)
		}
		if err := checkID("ID", id); err != nil {
			t.Errorf("MessageID(%q) = %q is not a valid Message-ID: %v", key, id, err)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("MessageID(%q) = MessageID(%q) = %q", key, other, id)
		}
		seen[id] = key
	}
}

func TestThreadID(t *testing.T) {
	root := ThreadID("D-2026-0042")
	if err := checkID("ThreadID", root); err != nil {
		t.Fatalf("ThreadID = %q is not a valid Message-ID: %v", root, err)
	}
	if root != ThreadID("D-2026-0042") {
		t.Error("ThreadID is not deterministic")
	}
	if root == ThreadID("D-2026-0043") {
		t.Error("two cases share a thread")
	}
	if root == MessageID("D-2026-0042") {
		t.Error("ThreadID(k) must differ from MessageID(k), or a message keyed by the case key would collide with the thread root")
	}
}
