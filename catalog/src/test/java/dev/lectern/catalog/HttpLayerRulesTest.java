package dev.lectern.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTP handlers parse, call a store and answer; SQL lives only in the stores' PostgreSQL adapters.
 */
@DisplayName("The catalog's HTTP layer")
class HttpLayerRulesTest {
    private static final String[] SQL_CLIENTS = {"io.vertx.sqlclient..", "io.vertx.pgclient.."};

    private static final DescribedPredicate<JavaClass> HANDLE_HTTP =
            DescribedPredicate.describe(
                    "handle HTTP requests (use Vert.x Web)",
                    type ->
                            type.getDirectDependenciesFromSelf().stream()
                                    .anyMatch(
                                            use ->
                                                    use.getTargetClass()
                                                            .getPackageName()
                                                            .startsWith("io.vertx.ext.web")));

    private static JavaClasses catalog;

    @BeforeAll
    static void importClasses() {
        catalog =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.lectern.catalog");
    }

    @Test
    @DisplayName("no *Routes class uses the SQL client")
    void routesUseNoSql() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Routes")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SQL_CLIENTS)
                .check(catalog);
    }

    @Test
    @DisplayName(
            "no other class that handles HTTP requests uses the SQL client either; only the wiring hands the pool to the adapters")
    void httpHandlersUseNoSql() {
        noClasses()
                .that(HANDLE_HTTP)
                .and()
                .doNotBelongToAnyOf(Catalog.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SQL_CLIENTS)
                .check(catalog);
    }
}
