// Package recovery is the durable workflow that carries one overdue invoice
// from the first reminder to litigation.
package recovery

import "fmt"

// WorkflowID is the ID of the recovery workflow of a creditor's invoice. It
// is derived, never stored-then-looked-up, so that starting a case twice
// targets the same workflow and Temporal refuses the duplicate.
func WorkflowID(creditorID uint, invoiceNumber string) string {
	return fmt.Sprintf("recovery/%d/%s", creditorID, invoiceNumber)
}

// TaskQueue is the default task queue of the recovery worker.
const TaskQueue = "recouvra"

// WorkflowName is the registered name of Workflow; starts use it so that
// renaming the Go function never orphans running cases.
const WorkflowName = "Recovery"

// QueryState is the name of the query returning the case's live State.
const QueryState = "state"
