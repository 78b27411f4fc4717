package casefile

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// AssigneeRoles are the roles that run case files, and so the only ones a
// case may be assigned to: legal staff take over through the litigation
// queue, partners through delegation.
var AssigneeRoles = []models.Role{models.RoleAdmin, models.RoleCreditManager}

// Assignee is the person a case is assigned to.
type Assignee struct {
	ID   uint
	Name string // the user's name, or its email when it has none
}

// NotAssignableError says why a user may not be given a case.
type NotAssignableError struct {
	UserID uint
	Reason string
}

func (e *NotAssignableError) Error() string {
	return fmt.Sprintf("user %d %s", e.UserID, e.Reason)
}

// Assignees lists, by name, the active users a case may be assigned to.
func Assignees(ctx context.Context, db *gorm.DB) ([]models.User, error) {
	users := []models.User{}
	err := db.WithContext(ctx).Select("id, email, name, role").
		Where("role IN ? AND disabled = ?", AssigneeRoles, false).Order("name, email").Find(&users).Error
	return users, err
}

// Assign gives the case to the user assigneeID, or to nobody when nil, and
// returns the previous assignee's ID. A user who is unknown, disabled or
// not in AssigneeRoles is refused with a *NotAssignableError.
func Assign(ctx context.Context, db *gorm.DB, caseID uint, assigneeID *uint) (previous *uint, err error) {
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if assigneeID != nil {
			if err := CheckAssignable(tx, *assigneeID); err != nil {
				return err
			}
		}
		var c models.Case
		if err := tx.Select("id, assignee_id").Take(&c, caseID).Error; err != nil {
			return err
		}
		previous = c.AssigneeID
		return tx.Model(&models.Case{}).Where("id = ?", caseID).Update("assignee_id", assigneeID).Error
	})
	return previous, err
}

// CheckAssignable refuses, with a *NotAssignableError, a user who may not
// run case files: unknown, disabled, or not in AssigneeRoles. Debtors'
// account managers are chosen by the same rule.
func CheckAssignable(db *gorm.DB, id uint) error {
	var u models.User
	err := db.Select("id, role, disabled").Take(&u, id).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return &NotAssignableError{UserID: id, Reason: "does not exist"}
	case err != nil:
		return err
	case u.Disabled:
		return &NotAssignableError{UserID: id, Reason: "is disabled"}
	case !slices.Contains(AssigneeRoles, u.Role):
		return &NotAssignableError{UserID: id, Reason: fmt.Sprintf("is %s, not admin or credit_manager", u.Role)}
	}
	return nil
}
