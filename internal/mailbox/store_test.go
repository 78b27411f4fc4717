package mailbox

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func sampleReceived(id string, at time.Time) Received {
	return Received{
		ID: id, At: at, From: "relances@cabinet-martin.fr",
		To:  []string{"compta@sge.fr", "direction@sge.fr"},
		Raw: []byte("Subject: test " + id + "\r\n\r\nCorps\xe9 brut\r\n"),
	}
}

func TestStores(t *testing.T) {
	stores := map[string]func(t *testing.T) Store{
		"memory": func(*testing.T) Store { return NewMemoryStore() },
		"directory": func(t *testing.T) Store {
			s, err := OpenDir(filepath.Join(t.TempDir(), "mailbox"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			t0 := time.Date(2026, 11, 14, 9, 5, 3, 123456789, time.UTC)
			ids := []string{"b2", "a1", "c3"} // arrival order differs from id order
			for i, id := range ids {
				if err := s.Save(sampleReceived(id, t0.Add(time.Duration(i)*time.Minute))); err != nil {
					t.Fatalf("Save(%s): %v", id, err)
				}
			}
			all, err := s.List()
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs []string
			for _, r := range all {
				gotIDs = append(gotIDs, r.ID)
			}
			if !slices.Equal(gotIDs, ids) {
				t.Errorf("List order = %q, want arrival order %q", gotIDs, ids)
			}

			got, found, err := s.Get("a1")
			if err != nil || !found {
				t.Fatalf("Get(a1) = found %v, err %v", found, err)
			}
			want := sampleReceived("a1", t0.Add(time.Minute))
			if !got.At.Equal(want.At) || got.From != want.From || !slices.Equal(got.To, want.To) || !bytes.Equal(got.Raw, want.Raw) {
				t.Errorf("Get(a1) = %+v, want %+v", got, want)
			}
			got.Raw[0] = 'X'
			if again, _, _ := s.Get("a1"); again.Raw[0] != 'S' {
				t.Error("changing a returned message changed the stored one")
			}

			if _, found, err := s.Get("zz"); found || err != nil {
				t.Errorf("Get(unknown) = found %v, err %v; want not found, no error", found, err)
			}
			if _, found, _ := s.Get("../b2"); found {
				t.Error("Get accepted a path in the id")
			}
			if err := s.Save(sampleReceived("a1", t0)); err == nil || !strings.Contains(err.Error(), `"a1"`) {
				t.Errorf("Save(duplicate) error = %v, want one naming the id", err)
			}
			for _, bad := range []string{"", "../evil", "a/b", "a.eml", strings.Repeat("x", 65)} {
				if err := s.Save(sampleReceived(bad, t0)); err == nil {
					t.Errorf("Save accepted id %q", bad)
				}
			}
		})
	}
}

func TestDirStoreSurvivesReopening(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".data", "mailbox")
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 14, 9, 0, 0, 0, time.UTC)
	// A raw message that itself starts with an X-Mailbox- header must come
	// back byte for byte.
	tricky := Received{ID: "first", At: t0, From: "", To: []string{"a@b.fr"},
		Raw: []byte("X-Mailbox-Id: forged\r\nSubject: x\r\n\r\nbody\r\n")}
	if err := s.Save(tricky); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(sampleReceived("second", t0.Add(time.Second))); err != nil {
		t.Fatal(err)
	}
	// Noise a user or an interrupted save may leave behind.
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".saving-123"), []byte("half"), 0o644)

	reopened, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := reopened.Save(sampleReceived("third", t0.Add(2*time.Second))); err != nil {
		t.Fatal(err)
	}
	all, err := reopened.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ID != "first" || all[1].ID != "second" || all[2].ID != "third" {
		t.Fatalf("after reopening: %d messages %v, want first, second, third", len(all), all)
	}
	if !bytes.Equal(all[0].Raw, tricky.Raw) || all[0].From != "" || !slices.Equal(all[0].To, tricky.To) || !all[0].At.Equal(t0) {
		t.Errorf("first message came back as %+v (raw %q)", all[0], all[0].Raw)
	}
	if err := reopened.Save(sampleReceived("second", t0)); err == nil {
		t.Error("an id saved before reopening was accepted again")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 3 {
		t.Errorf("%d .eml files, want one per message: %v", len(files), files)
	}
	if !strings.HasSuffix(files[2], "00000003-third.eml") {
		t.Errorf("sequence did not continue after reopening: %v", files)
	}
}
