package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with OpenID Connect in headless Chromium: the whole service verifies tokens against a
 * test provider on loopback (its JWKS, issuer and API audience), and the pages sign in there with
 * the authorization code flow and PKCE.
 */
@DisplayName("OpenID Connect sign-in in a real browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static TestOidcProvider provider;
    private static RunningLectern app;
    private static Browser browser;
    private static String base;
    private static String course;
    private static String otherCourse;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        provider = new TestOidcProvider();
        app = new RunningLectern(new HashMap<>(provider.lecternSettings()));
        base = app.http.baseUrl();
        provider.registerPages(base);
        String admin = provider.accessToken("root", "Root", true, Duration.ofMinutes(10));
        course = app.createCourse(admin, "BIO101", "Plant biology");
        otherCourse = app.createCourse(admin, "HIS201", "Medieval history");
        app.addMember(admin, course, "sam", "student");
        provider.signInAs("sam", "Sam Student");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @BeforeEach
    void resetProvider() {
        provider.tamperWithState(false);
        provider.refuseWith("");
    }

    /** Opens the pages signed out and presses the sign-in button. */
    private static void pressSignIn() {
        browser.open(base + "/#/");
        browser.js("localStorage.clear(); sessionStorage.clear();");
        browser.open(base + "/");
        browser.find("#oidc-signin").click();
    }

    /**
     * Waits until a JavaScript expression is truthy while the browser may be passing through the
     * provider: a script started on a page that is unloading fails, and is simply tried again.
     */
    private static void waitAcrossRedirects(String expression) {
        new WebDriverWait(browser.driver, WAIT, Duration.ofMillis(100))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(browser.js("return !!(" + expression + ");")));
    }

    private static String errorMessage() {
        waitAcrossRedirects("document.querySelector('.msg-error')");
        return browser.find(".msg-error").getText();
    }

    @Test
    @Order(1)
    @DisplayName(
            "an answer whose state was changed on the way back is refused with a message, and its code is never redeemed")
    void tamperedState() {
        provider.tamperWithState(true);
        long before = provider.tokenRequests.size();
        pressSignIn();
        assertThat(errorMessage()).contains("refused");
        assertThat(provider.tokenRequests).hasSize((int) before);
        assertThat(browser.js("return localStorage.getItem('lectern.token')")).isNull();
        assertThat((String) browser.js("return location.href")).doesNotContain("code=");
        assertThat(browser.find("#oidc-signin").isDisplayed()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("a sign-in the provider refuses (access_denied) shows a plain message")
    void accessDenied() {
        provider.refuseWith("access_denied");
        pressSignIn();
        assertThat(errorMessage()).contains("cancelled or not allowed");
        assertThat((String) browser.js("return location.search")).isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName(
            "signing in with the school account comes back signed in as that user, with the right verifier accepted and a clean address")
    void signsIn() {
        long accepted = provider.acceptedTokenRequests();
        pressSignIn();
        waitAcrossRedirects(
                "document.querySelector('#nav .who')?.textContent === 'Sam Student'"
                        + " && document.title.startsWith('My courses')");
        assertThat(browser.find("a[href='#/course/" + course + "']").getText())
                .isEqualTo("Plant biology");
        assertThat(
                        browser.driver.findElements(
                                By.cssSelector("a[href='#/course/" + otherCourse + "']")))
                .isEmpty();
        assertThat((String) browser.js("return location.search")).isEmpty();
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/");

        assertThat(provider.acceptedTokenRequests()).isEqualTo(accepted + 1);
        TestOidcProvider.TokenRequest last = provider.tokenRequests.getLast();
        assertThat(last.accepted()).as(String.valueOf(last.refusal())).isTrue();
        assertThat(last.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        // What the pages keep is the access token, for the API's audience.
        String stored = (String) browser.js("return localStorage.getItem('lectern.token')");
        String payload = new String(Base64.getUrlDecoder().decode(stored.split("\\.")[1]));
        assertThat(payload).contains("\"aud\":\"" + TestOidcProvider.API_AUDIENCE + "\"");
        assertThat(browser.js("return sessionStorage.getItem('lectern.oidc.pending')")).isNull();
    }

    @Test
    @Order(4)
    @DisplayName(
            "when the API refuses an expired token, the page goes back through sign-in and returns to the same course page")
    void expiredTokenSignsInAgain() {
        long accepted = provider.acceptedTokenRequests();
        // An hour-old token, and the last sign-in long enough ago not to look like a loop.
        browser.js(
                "localStorage.setItem('lectern.token', arguments[0]);"
                        + " sessionStorage.removeItem('lectern.oidc.signedInAt');",
                provider.expiredAccessToken("sam", "Sam Student"));
        browser.js("location.hash = arguments[0]", "#/course/" + course);
        waitAcrossRedirects(
                "location.hash === '#/course/"
                        + course
                        + "' && !!document.querySelector('#course-q')");
        assertThat(provider.acceptedTokenRequests()).isEqualTo(accepted + 1);
        assertThat((String) browser.js("return location.search")).isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("signing out forgets the token and ends the session at the provider")
    void signsOut() throws Exception {
        int before = provider.signOuts.size();
        browser.find("#nav button.link").click();
        waitAcrossRedirects("document.querySelector('#oidc-signin')");
        assertThat(browser.js("return localStorage.getItem('lectern.token')")).isNull();
        assertThat(provider.signOuts).hasSize(before + 1);
        Map<String, String> signOut = provider.signOuts.getLast();
        assertThat(signOut.get("client_id")).isEqualTo(TestOidcProvider.CLIENT_ID);
        assertThat(signOut.get("post_logout_redirect_uri")).isEqualTo(base + "/");
        assertThat(signOut.get("id_token_hint")).isNotBlank();
        browser.screenshots("signin-oidc");
    }
}
