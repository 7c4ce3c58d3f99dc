package dev.lectern.app;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lectern.infra.media.ChildProcesses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module picture as rules over the compiled code: app → ingest, transcode, speech, slides, web
 * → catalog → infra, with the features blind to each other and infra blind to every feature. Maven
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
                        // nor the modules' shared test fixtures, which come in test jars
                        .withImportOption(location -> !location.contains("-tests.jar"))
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
                        "dev.lectern.speech..",
                        "dev.lectern.slides..",
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
                        "dev.lectern.speech..",
                        "dev.lectern.slides..",
                        "dev.lectern.web..",
                        "dev.lectern.app..")
                .check(classes);
    }

    @Test
    @DisplayName(
            "ingest, transcode, speech and slides never import each other, the pages or the app")
    void featuresApart() {
        List<String> features =
                List.of(
                        "dev.lectern.ingest..",
                        "dev.lectern.transcode..",
                        "dev.lectern.speech..",
                        "dev.lectern.slides..");
        for (String feature : features) {
            List<String> others = new ArrayList<>(features);
            others.remove(feature);
            others.addAll(List.of("dev.lectern.web..", "dev.lectern.app.."));
            noClasses()
                    .that()
                    .resideInAPackage(feature)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others.toArray(String[]::new))
                    .check(classes);
        }
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

    @Test
    @DisplayName(
            "child processes start only through ChildProcesses, so every one dies with its worker")
    void childProcessesStartInOnePlace() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(ChildProcesses.class)
                .should()
                .callMethod(ProcessBuilder.class, "start")
                .orShould()
                .callMethod(ProcessBuilder.class, "startPipeline", List.class)
                .orShould()
                .callMethodWhere(
                        target(name("exec")).and(target(owner(assignableTo(Runtime.class)))))
                .check(classes);
    }
}
