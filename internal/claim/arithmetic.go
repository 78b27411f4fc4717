package claim

import (
	"fmt"
	"math/big"
)

// yearDivisor turns base × rate × days into cents: rates are in hundredths of
// a percent (1/10 000) and interest is counted on a 365-day year.
var yearDivisor = big.NewInt(365 * 10000)

// interestCents is base × rate × days / 365 rounded to the cent, half away
// from zero. The product overflows int64 for large claims (10⁸ € at 12 % over
// three years already needs 10¹⁹), hence big integers; the result itself must
// fit in int64.
func interestCents(base int64, r Rate, days int) (int64, error) {
	num := big.NewInt(base)
	num.Mul(num, big.NewInt(int64(r)))
	num.Mul(num, big.NewInt(int64(days)))
	q, rem := new(big.Int).QuoRem(num, yearDivisor, new(big.Int)) // q truncated toward zero
	rem.Abs(rem).Lsh(rem, 1)
	if rem.Cmp(yearDivisor) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("interest on %d cents at %s for %d days does not fit in 64 bits", base, r, days)
	}
	return q.Int64(), nil
}

// addCents adds b to a, refusing to wrap around.
func addCents(a, b int64) (int64, error) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, fmt.Errorf("sum of %d and %d cents overflows", a, b)
	}
	return s, nil
}
