package dev.skiff.runtime.docker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The program a pod sandbox runs: a static x86_64 Linux ELF executable of 208 bytes, written out
 * here so that no registry and no tool on the machine is needed to make the sandbox image. It
 * installs a handler for SIGTERM and SIGINT that exits with status 0 (PID 1 of a PID namespace
 * gets no signal it has not installed a handler for, so without one a stop would wait for the
 * kill), then calls pause(2) forever.
 *
 * <p>Layout: the ELF header (64 bytes), one program header (56 bytes) mapping the whole file
 * read+execute at 0x400000, then the code, then the {@code struct sigaction} the
 * kernel reads. The machine code, with its offsets from the start of the code:
 * <pre>
 *  0  bf 0f 00 00 00        mov  edi, 15           ; SIGTERM
 *  5  be AA AA AA AA        mov  esi, ACTION       ; &amp;struct sigaction (absolute, fits 32 bits)
 * 10  31 d2                 xor  edx, edx          ; no old action
 * 12  41 ba 08 00 00 00     mov  r10d, 8           ; sizeof(sigset_t)
 * 18  b8 0d 00 00 00        mov  eax, 13           ; rt_sigaction
 * 23  0f 05                 syscall
 * 25  bf 02 00 00 00        mov  edi, 2            ; SIGINT (esi, edx, r10 survive the syscall)
 * 30  b8 0d 00 00 00        mov  eax, 13           ; rt_sigaction
 * 35  0f 05                 syscall
 * 37  b8 22 00 00 00        mov  eax, 34           ; pause
 * 42  0f 05                 syscall
 * 44  eb f7                 jmp  37                ; pause again after any other wake-up
 * 46  31 ff                 xor  edi, edi          ; the handler: status 0
 * 48  b8 e7 00 00 00        mov  eax, 231          ; exit_group
 * 53  0f 05                 syscall
 * 55  00                    padding, so the action is 8-byte aligned
 * 56  struct sigaction { handler = code+46, flags = SA_RESTORER, restorer = code+46, mask = 0 }
 * </pre>
 * The kernel refuses to deliver a signal on x86_64 without a restorer; the handler never returns,
 * so the restorer is never called and pointing it at the handler is enough.
 */
final class PauseExecutable {

    private static final long LOAD_ADDRESS = 0x400000L;

    private static final int ELF_HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;
    private static final int CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE;
    private static final int HANDLER_OFFSET = 46;
    private static final int ACTION_OFFSET = 56;
    private static final int ACTION_SIZE = 32;
    private static final long SA_RESTORER = 0x04000000L;

    private PauseExecutable() {
    }

    /** The bytes of the executable file. */
    static byte[] bytes() {
        long codeAddress = LOAD_ADDRESS + CODE_OFFSET;
        long handler = codeAddress + HANDLER_OFFSET;
        long action = codeAddress + ACTION_OFFSET;
        int size = CODE_OFFSET + ACTION_OFFSET + ACTION_SIZE;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);

        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little endian */, 1 /* version */, 0 /* System V */});
        elf.put(new byte[8]);
        elf.putShort((short) 2);        // e_type: executable
        elf.putShort((short) 0x3e);     // e_machine: x86_64
        elf.putInt(1);                  // e_version
        elf.putLong(codeAddress);       // e_entry
        elf.putLong(ELF_HEADER_SIZE);   // e_phoff
        elf.putLong(0);                 // e_shoff: no sections
        elf.putInt(0);                  // e_flags
        elf.putShort((short) ELF_HEADER_SIZE);
        elf.putShort((short) PROGRAM_HEADER_SIZE);
        elf.putShort((short) 1);        // e_phnum
        elf.putShort((short) 64);       // e_shentsize
        elf.putShort((short) 0);        // e_shnum
        elf.putShort((short) 0);        // e_shstrndx

        elf.putInt(1);                  // p_type: PT_LOAD
        elf.putInt(5);                  // p_flags: read + execute
        elf.putLong(0);                 // p_offset
        elf.putLong(LOAD_ADDRESS);      // p_vaddr
        elf.putLong(LOAD_ADDRESS);      // p_paddr
        elf.putLong(size);              // p_filesz
        elf.putLong(size);              // p_memsz
        elf.putLong(0x1000);            // p_align

        elf.put(new byte[] {(byte) 0xbf, 0x0f, 0, 0, 0});
        elf.put((byte) 0xbe).putInt((int) action);
        elf.put(new byte[] {0x31, (byte) 0xd2});
        elf.put(new byte[] {0x41, (byte) 0xba, 0x08, 0, 0, 0});
        elf.put(new byte[] {(byte) 0xb8, 0x0d, 0, 0, 0});
        elf.put(new byte[] {0x0f, 0x05});
        elf.put(new byte[] {(byte) 0xbf, 0x02, 0, 0, 0});
        elf.put(new byte[] {(byte) 0xb8, 0x0d, 0, 0, 0});
        elf.put(new byte[] {0x0f, 0x05});
        elf.put(new byte[] {(byte) 0xb8, 0x22, 0, 0, 0});
        elf.put(new byte[] {0x0f, 0x05});
        elf.put(new byte[] {(byte) 0xeb, (byte) 0xf7});
        elf.put(new byte[] {0x31, (byte) 0xff});
        elf.put(new byte[] {(byte) 0xb8, (byte) 0xe7, 0, 0, 0});
        elf.put(new byte[] {0x0f, 0x05});
        elf.put((byte) 0);

        elf.putLong(handler);
        elf.putLong(SA_RESTORER);
        elf.putLong(handler);
        elf.putLong(0);
        return elf.array();
    }
}
