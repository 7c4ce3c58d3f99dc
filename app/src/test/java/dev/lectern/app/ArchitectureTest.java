package dev.lectern.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module picture as rules over the compiled code: app → ingest, transcode, web → catalog →
 * infra, with ingest and transcode blind to each other and infra blind to every feature. Maven
 * already refuses a dependency cycle between modules; these rules also catch what a module could
 * reach through another's transitive dependencies.
 */
@DisplayName("The modules' dependency direction")
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.lectern");
    }

    @Test
    @DisplayName("infra knows no feature")
    void infraKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.catalog..",
                        "dev.lectern.ingest..",
                        "dev.lectern.transcode..",
                        "dev.lectern.web..",
                        "dev.lectern.app..")
                .check(classes);
    }

    @Test
    @DisplayName("the catalog knows none of the modules that use it")
    void catalogKnowsOnlyInfra() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.catalog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.ingest..",
                        "dev.lectern.transcode..",
                        "dev.lectern.web..",
                        "dev.lectern.app..")
                .check(classes);
    }

    @Test
    @DisplayName("ingest and transcode never import each other, the pages or the app")
    void featuresApart() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.transcode..", "dev.lectern.web..", "dev.lectern.app..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.transcode..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.ingest..", "dev.lectern.web..", "dev.lectern.app..")
                .check(classes);
    }

    @Test
    @DisplayName("the pages know only infra")
    void webKnowsOnlyInfra() {
        noClasses()
                .that()
                .resideInAPackage("dev.lectern.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lectern.catalog..",
                        "dev.lectern.ingest..",
                        "dev.lectern.transcode..",
                        "dev.lectern.app..")
                .check(classes);
    }
}
