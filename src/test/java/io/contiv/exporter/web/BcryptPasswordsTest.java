package io.contiv.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BcryptPasswordsTest {

    /** "scrape-secret" with one salt, hashed by libxcrypt (glibc's crypt) under each prefix htpasswd and Go use. */
    private static final String Y = "$2y$05$abcdefghijklmnopqrstuuyiBEYE9gAbj4CopDfsmspBj3KMuRWOa";
    private static final String B = "$2b$05$abcdefghijklmnopqrstuuyiBEYE9gAbj4CopDfsmspBj3KMuRWOa";
    private static final String A = "$2a$05$abcdefghijklmnopqrstuuyiBEYE9gAbj4CopDfsmspBj3KMuRWOa";

    private final AtomicLong clock = new AtomicLong();
    private final BcryptPasswords passwords = new BcryptPasswords(clock::get);

    @Test
    void hashesFromOtherImplementationsVerify() {
        for (String hash : new String[] {Y, B, A}) {
            Map<String, String> users = Map.of("prometheus", hash);
            assertThat(new BcryptPasswords().check(users, "prometheus", "scrape-secret")).as(hash).isTrue();
            assertThat(new BcryptPasswords().check(users, "prometheus", "scrape-secreT")).as(hash).isFalse();
        }
    }

    @Test
    void unknownUsersEmptyAndOverlongPasswordsFail() {
        Map<String, String> users = Map.of("prometheus", Y);
        assertThat(passwords.check(users, "root", "scrape-secret")).isFalse();
        assertThat(passwords.check(users, "prometheus", "")).isFalse();
        assertThat(passwords.check(users, "prometheus", "scrape-secret" + "x".repeat(100))).isFalse();
        assertThat(passwords.check(users, "", "")).isFalse();
        assertThat(passwords.cached()).isZero();
    }

    @Test
    void successesAreCachedBrieflyAndKeyedByTheHashToo() {
        Map<String, String> users = Map.of("prometheus", Y);
        assertThat(passwords.check(users, "prometheus", "scrape-secret")).isTrue();
        assertThat(passwords.cached()).isEqualTo(1);
        assertThat(passwords.check(users, "prometheus", "scrape-secret")).isTrue();
        assertThat(passwords.cached()).isEqualTo(1);
        assertThat(passwords.check(users, "prometheus", "wrong")).isFalse();

        // a new hash for the user: the cached success for the old one does not count
        String rotated = BCrypt.withDefaults().hashToString(4, "rotated".toCharArray());
        assertThat(passwords.check(Map.of("prometheus", rotated), "prometheus", "scrape-secret")).isFalse();
        assertThat(passwords.check(Map.of("prometheus", rotated), "prometheus", "rotated")).isTrue();

        clock.addAndGet(BcryptPasswords.CACHE_NANOS + 1);
        assertThat(passwords.check(users, "prometheus", "scrape-secret")).isTrue();
    }

    @Test
    void aWrongPasswordCostsTheClientItsNextUncheckedTriesForASecond() {
        Map<String, String> users = Map.of("prometheus", Y);
        assertThat(passwords.check(users, "prometheus", "wrong", "10.0.0.9")).isEqualTo(BcryptPasswords.Verdict.DENIED);
        // the right password from the same address within the second: refused without a check
        assertThat(passwords.check(users, "prometheus", "scrape-secret", "10.0.0.9"))
                .isEqualTo(BcryptPasswords.Verdict.DENIED);
        // another address is not held back
        assertThat(passwords.check(users, "prometheus", "scrape-secret", "10.0.0.7"))
                .isEqualTo(BcryptPasswords.Verdict.ALLOWED);
        clock.addAndGet(BcryptPasswords.PENALTY_NANOS);
        assertThat(passwords.check(users, "prometheus", "scrape-secret", "10.0.0.9"))
                .isEqualTo(BcryptPasswords.Verdict.ALLOWED);
    }

    @Test
    void rememberedAnswersNeedNoCheckAndNoPenaltyApplies() {
        Map<String, String> users = Map.of("prometheus", Y);
        assertThat(passwords.check(users, "prometheus", "scrape-secret", "10.0.0.9"))
                .isEqualTo(BcryptPasswords.Verdict.ALLOWED);
        assertThat(passwords.check(users, "prometheus", "wrong", "10.0.0.9")).isEqualTo(BcryptPasswords.Verdict.DENIED);
        // the success is remembered, so the scraper is not held back by its neighbour's wrong guess
        assertThat(passwords.check(users, "prometheus", "scrape-secret", "10.0.0.9"))
                .isEqualTo(BcryptPasswords.Verdict.ALLOWED);
        // and the wrong one is remembered as wrong, past the penalty too
        clock.addAndGet(BcryptPasswords.PENALTY_NANOS);
        assertThat(passwords.check(users, "prometheus", "wrong", "10.0.0.9")).isEqualTo(BcryptPasswords.Verdict.DENIED);
        assertThat(passwords.refusedRemembered()).isEqualTo(1);
    }

    @Test
    void theCacheStaysBounded() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        for (int i = 0; i < BcryptPasswords.CACHE_ENTRIES + 10; i++) {
            assertThat(passwords.check(Map.of("user" + i, hash), "user" + i, "pw")).isTrue();
        }
        assertThat(passwords.cached()).isLessThanOrEqualTo(BcryptPasswords.CACHE_ENTRIES);
    }

    @Test
    void basicHeadersAreParsedStrictly() {
        assertThat(WebAuthenticator.basicCredentials("Basic cHJvbWV0aGV1czpzM2NyZXQ6eA=="))
                .containsExactly("prometheus", "s3cret:x");
        assertThat(WebAuthenticator.basicCredentials("basic cHJvbWV0aGV1czpz")).containsExactly("prometheus", "s");
        assertThat(WebAuthenticator.basicCredentials("Bearer abc")).isNull();
        assertThat(WebAuthenticator.basicCredentials("Basic")).isNull();
        assertThat(WebAuthenticator.basicCredentials("Basic ####")).isNull();
        assertThat(WebAuthenticator.basicCredentials("Basic bm9jb2xvbg==")).isNull();
    }
}
