package com.medsync.realtime.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The server's boundaries, checked on its compiled classes: netty-socketio and Netty stay inside the engine,
 * and the server's packages form no cycle. A change that breaks one fails the build with the offending
 * dependencies named.
 */
class ServerBoundariesTest {

    private static final String SERVER = "com.medsync.realtime.server";
    private static final String ENGINE = SERVER + ".socket.engine..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    @Test
    void onlyTheEngineUsesNettySocketIo() {
        noClasses().that().resideOutsideOfPackage(ENGINE)
                .should().dependOnClassesThat().resideInAPackage("com.corundumstudio..")
                .because("netty-socketio is contained in socket.engine (issue #13)")
                .check(CLASSES);
    }

    @Test
    void onlyTheEngineUsesNetty() {
        noClasses().that().resideOutsideOfPackage(ENGINE)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("the transport's types stay behind EngineConnection and EncodedPacket")
                .check(CLASSES);
    }

    @Test
    void theServersPackagesFormNoCycle() {
        slices().matching(SERVER + ".(**)")
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void theEngineKnowsNothingOfTheLayersAboveIt() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".socket", SERVER + ".delivery..",
                        SERVER + ".recovery..", SERVER + ".plugin..", SERVER + ".publish..", SERVER + ".cluster..")
                .check(CLASSES);
    }

    @Test
    void deliveryAndRecoverySpeakEncodedPacketsNotTransportPackets() {
        noClasses().that().resideInAnyPackage(SERVER + ".delivery..", SERVER + ".recovery..")
                .should().dependOnClassesThat().haveSimpleName("Packets")
                .because("the session layer encodes (ServedNamespace.encode, SocketSession.sendConnected)")
                .check(CLASSES);
    }
}
