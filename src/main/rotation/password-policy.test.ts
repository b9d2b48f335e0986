// The password generator follows its policy: length, every class present, excluded characters never used.
import { describe, expect, it } from 'vitest';
import { generatePassword, type PasswordPolicy } from './password-policy';

describe('generatePassword', () => {
  it('makes passwords of the policy length with every class and no excluded character', () => {
    const policy: PasswordPolicy = { length: 16, classes: ['lower', 'upper', 'digit', 'symbol'], excluded: '0O1l$:@/' };
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(policy);
      expect(password).toHaveLength(16);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^a-zA-Z0-9]/);
      for (const ch of policy.excluded) expect(password).not.toContain(ch);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
  });

  it('refuses a policy that is too short, has no class, or excludes a whole class', () => {
    expect(() => generatePassword({ length: 8, classes: ['lower'], excluded: '' })).toThrow(/12 to 256/);
    expect(() => generatePassword({ length: 20, classes: [], excluded: '' })).toThrow(/at least one/);
    expect(() => generatePassword({ length: 20, classes: ['digit'], excluded: '0123456789' })).toThrow(/every digit/);
  });
});
